package org.messagestore.config;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The raw text of every {@link ConfigKey}, each with where it came from. Starts with the defaults; each
 * later {@link #put} (a file, then whatever overrides it) replaces what was there. Confined to the
 * thread that loads the configuration.
 */
public final class ConfigValues {

    /** A key's text and its source, e.g. {@code system property messagestore.port}. */
    public record Value(String text, String source) {

        /** Without the text, which may be a password. */
        @Override
        public String toString() {
            return "Value[from " + source + "]";
        }
    }

    /** The source of a value no file, variable or property has replaced. */
    public static final String DEFAULT_SOURCE = "default";

    private final Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);

    private ConfigValues() {
    }

    public static ConfigValues defaults() {
        ConfigValues defaults = new ConfigValues();
        for (ConfigKey key : ConfigKey.values()) {
            defaults.put(key, key.defaultValue(), DEFAULT_SOURCE);
        }
        return defaults;
    }

    public void put(ConfigKey key, String text, String source) {
        values.put(key, new Value(text.strip(), source));
    }

    /**
     * Puts every property, read from {@code source}; a name that is no key is an error (a typo must not
     * silently leave a default in place).
     */
    public void putAll(Properties properties, String source) throws InvalidConfigException {
        for (String name : properties.stringPropertyNames()) {
            put(known(name, "key '" + name + "' in " + source), properties.getProperty(name), source);
        }
    }

    public Value get(ConfigKey key) {
        return values.get(key);
    }

    /** Whether something other than the defaults set {@code key}. */
    public boolean isSet(ConfigKey key) {
        return !values.get(key).source().equals(DEFAULT_SOURCE);
    }

    /** The key named {@code name}; InvalidConfigException naming {@code where} and the known keys if none is. */
    public static ConfigKey known(String name, String where) throws InvalidConfigException {
        Optional<ConfigKey> found = ConfigKey.forKey(name);
        if (found.isEmpty()) {
            throw new InvalidConfigException("unknown " + where + "; known keys: "
                    + Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.joining(", ")));
        }
        return found.get();
    }
}
