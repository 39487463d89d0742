package org.messagestore.server;

import java.util.EnumMap;
import java.util.Map;

/**
 * The raw text of every {@link ConfigKey}, each with where it came from. Starts with the defaults; each
 * later {@link #put} (file, then environment, then system properties) replaces what was there.
 * Confined to the thread that loads the configuration.
 */
final class ConfigValues {

    /** A key's text and its source, e.g. {@code system property messagestore.port}. */
    record Value(String text, String source) {

        /** Without the text, which may be a password. */
        @Override
        public String toString() {
            return "Value[from " + source + "]";
        }
    }

    /** The source of a value no file, variable or property has replaced. */
    static final String DEFAULT_SOURCE = "default";

    private final Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);

    static ConfigValues defaults() {
        ConfigValues defaults = new ConfigValues();
        for (ConfigKey key : ConfigKey.values()) {
            defaults.put(key, key.defaultValue(), DEFAULT_SOURCE);
        }
        return defaults;
    }

    void put(ConfigKey key, String text, String source) {
        values.put(key, new Value(text.strip(), source));
    }

    Value get(ConfigKey key) {
        return values.get(key);
    }
}
