package org.messagestore.broker.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an access rule can grant on a destination. Written in lower case in rules. */
public enum Permission {
    /** Send messages to the destination. */
    SEND,
    /** Receive from a queue, or subscribe to a topic. */
    CONSUME,
    /** Open a QueueBrowser on a queue. */
    BROWSE,
    /** Create the destination on first use (auto-create), and create durable subscriptions on a topic. */
    CREATE,
    /** Delete a durable subscription of a topic (unsubscribe). */
    DELETE,
    /** Every permission above on the destination (and, later, its management). */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Permission parse(String label) {
        try {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown permission '" + label.strip() + "'; known: "
                    + Arrays.stream(values()).map(Permission::label).collect(Collectors.joining(", ")));
        }
    }
}
