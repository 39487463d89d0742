package org.messagestore.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The arguments of one admin command, leaving out options that were not given. */
final class Arguments {

    private final Map<String, String> values = new LinkedHashMap<>();

    static Arguments of(String name, String value) {
        return new Arguments().with(name, value);
    }

    /** Adds {@code name} when {@code value} is not null. */
    Arguments with(String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    Map<String, String> map() {
        return Map.copyOf(values);
    }
}
