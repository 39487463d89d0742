package org.messagestore.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed values out of {@link ConfigValues}. A bad value is an {@link InvalidConfigException}
 * naming the key, the value (never a secret one) and where it came from.
 */
public final class ConfigReader {

    private final ConfigValues values;

    public ConfigReader(ConfigValues values) {
        this.values = values;
    }

    public ConfigValues values() {
        return values;
    }

    /** Non-empty text. */
    public String name(ConfigKey key) throws InvalidConfigException {
        String text = text(key);
        if (text.isEmpty()) {
            throw invalid(key, "must not be empty");
        }
        return text;
    }

    public int integer(ConfigKey key, int min, int max) throws InvalidConfigException {
        return (int) number(key, min, max);
    }

    public long number(ConfigKey key, long min, long max) throws InvalidConfigException {
        String expected = "expected a whole number from " + min + " to " + max;
        try {
            long value = Long.parseLong(text(key));
            if (value < min || value > max) {
                throw invalid(key, expected);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, expected);
        }
    }

    public boolean bool(ConfigKey key) throws InvalidConfigException {
        // Boolean.parseBoolean would read a typo as false.
        return switch (text(key).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "expected true or false");
        };
    }

    /** One of {@code constants}, by name, ignoring case. */
    public <E extends Enum<E>> E choice(ConfigKey key, Class<E> constants) throws InvalidConfigException {
        for (E constant : constants.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text(key))) {
                return constant;
            }
        }
        throw invalid(key, "expected one of " + Arrays.toString(constants.getEnumConstants()));
    }

    /** Comma-separated, without blanks and repeats. */
    public List<String> list(ConfigKey key) {
        return Arrays.stream(text(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The text, or null when it is empty. */
    public String optional(ConfigKey key) {
        String text = text(key);
        return text.isEmpty() ? null : text;
    }

    public Path path(ConfigKey key) throws InvalidConfigException {
        Path path = optionalPath(key);
        if (path == null) {
            throw invalid(key, "must not be empty");
        }
        return path;
    }

    public Path optionalPath(ConfigKey key) throws InvalidConfigException {
        String text = optional(key);
        try {
            return text == null ? null : Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(key, "not a valid path: " + e.getMessage());
        }
    }

    public InvalidConfigException invalid(ConfigKey key, String why) {
        ConfigValues.Value value = values.get(key);
        String shown = key.secret() ? "(hidden)" : "'" + value.text() + "'";
        return new InvalidConfigException("invalid value " + shown + " for key '" + key.key() + "' (from "
                + value.source() + "): " + why);
    }

    private String text(ConfigKey key) {
        return values.get(key).text();
    }
}
