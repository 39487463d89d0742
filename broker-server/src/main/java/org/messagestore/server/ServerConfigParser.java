package org.messagestore.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.messagestore.broker.RedeliveryPolicy;

/** Turns the raw text of each key into a {@link ServerConfig}; a bad value names the key, the value and its source. */
final class ServerConfigParser {

    /** TcpOptions refuses smaller frames: a frame must hold at least its header. */
    private static final int MIN_FRAME_BYTES = 1024;

    private final ConfigValues values;

    private ServerConfigParser(ConfigValues values) {
        this.values = values;
    }

    static ServerConfig parse(ConfigValues values, Path configFile) throws InvalidConfigException {
        var parser = new ServerConfigParser(values);
        var config = new ServerConfig(
                configFile,
                parser.name(ConfigKey.NAME),
                parser.name(ConfigKey.HOST),
                parser.integer(ConfigKey.PORT, 0, 65_535),
                parser.path(ConfigKey.DATA_DIR),
                parser.integer(ConfigKey.HEARTBEAT_MILLIS, 1, Integer.MAX_VALUE),
                parser.integer(ConfigKey.MAX_FRAME_BYTES, MIN_FRAME_BYTES, Integer.MAX_VALUE),
                parser.bool(ConfigKey.AUTO_CREATE_DESTINATIONS),
                parser.list(ConfigKey.QUEUES),
                parser.list(ConfigKey.TOPICS),
                new RedeliveryPolicy(
                        parser.integer(ConfigKey.REDELIVERY_DELAY_MILLIS, 0, Integer.MAX_VALUE),
                        parser.integer(ConfigKey.REDELIVERY_MAX_DELIVERIES, 0, Integer.MAX_VALUE),
                        parser.optional(ConfigKey.REDELIVERY_DEAD_LETTER_QUEUE)),
                parser.optional(ConfigKey.EXPIRY_QUEUE),
                parser.optionalPath(ConfigKey.USERS_FILE),
                parser.optionalPath(ConfigKey.ACCESS_RULES_FILE),
                parser.bool(ConfigKey.ALLOW_ANONYMOUS));
        parser.checkTcpOptions(config);
        return config;
    }

    private String name(ConfigKey key) throws InvalidConfigException {
        String text = values.get(key).text();
        if (text.isEmpty()) {
            throw invalid(key, "must not be empty");
        }
        return text;
    }

    private int integer(ConfigKey key, int min, int max) throws InvalidConfigException {
        String text = values.get(key).text();
        String expected = "expected a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw invalid(key, expected);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, expected);
        }
    }

    private boolean bool(ConfigKey key) throws InvalidConfigException {
        // Boolean.parseBoolean would read a typo as false.
        return switch (values.get(key).text().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "expected true or false");
        };
    }

    private List<String> list(ConfigKey key) {
        return Arrays.stream(values.get(key).text().split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The text, or null when it is empty. */
    private String optional(ConfigKey key) {
        String text = values.get(key).text();
        return text.isEmpty() ? null : text;
    }

    private Path path(ConfigKey key) throws InvalidConfigException {
        Path path = optionalPath(key);
        if (path == null) {
            throw invalid(key, "must not be empty");
        }
        return path;
    }

    private Path optionalPath(ConfigKey key) throws InvalidConfigException {
        String text = optional(key);
        try {
            return text == null ? null : Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(key, "not a valid path: " + e.getMessage());
        }
    }

    /** A last check by the class that enforces the rules, so that no rule is missed here. */
    private void checkTcpOptions(ServerConfig config) throws InvalidConfigException {
        try {
            config.tcpOptions();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("invalid TCP settings: " + e.getMessage(), e);
        }
    }

    private InvalidConfigException invalid(ConfigKey key, String why) {
        ConfigValues.Value value = values.get(key);
        return new InvalidConfigException("invalid value '" + value.text() + "' for key '" + key.key() + "' (from "
                + value.source() + "): " + why);
    }
}
