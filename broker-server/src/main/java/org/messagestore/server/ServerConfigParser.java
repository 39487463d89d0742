package org.messagestore.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.transport.tcp.TcpOptions;
import org.messagestore.transport.tcp.TlsOptions;

/** Turns the raw text of each key into a {@link ServerConfig}; a bad value names the key, the value and its source. */
final class ServerConfigParser {


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
                parser.storeSettings(),
                parser.integer(ConfigKey.HEARTBEAT_MILLIS, 1, Integer.MAX_VALUE),
                parser.integer(ConfigKey.MAX_FRAME_BYTES, TcpOptions.MIN_FRAME_BYTES, Integer.MAX_VALUE),
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
                parser.bool(ConfigKey.ALLOW_ANONYMOUS),
                parser.tls());
        parser.checkTcpOptions(config);
        return config;
    }

    /**
     * The TLS settings, or null when {@link ConfigKey#TLS_KEY_STORE} is empty. Any other {@code tls.*} key set
     * without a key store is an error: the operator asked for TLS and must not silently get plain TCP. The
     * stores themselves are read later, by {@link ServerConfig#checkTls()}.
     */
    private TlsOptions tls() throws InvalidConfigException {
        Path keyStore = optionalPath(ConfigKey.TLS_KEY_STORE);
        if (keyStore == null) {
            for (ConfigKey key : List.of(ConfigKey.TLS_KEY_STORE_PASSWORD, ConfigKey.TLS_KEY_STORE_TYPE,
                    ConfigKey.TLS_TRUST_STORE, ConfigKey.TLS_TRUST_STORE_PASSWORD, ConfigKey.TLS_TRUST_STORE_TYPE,
                    ConfigKey.TLS_NEED_CLIENT_AUTH)) {
                if (!values.get(key).source().equals(ConfigValues.DEFAULT_SOURCE)) {
                    throw invalid(key, "TLS is off: set '" + ConfigKey.TLS_KEY_STORE.key() + "' as well");
                }
            }
            return null;
        }
        Path trustStore = optionalPath(ConfigKey.TLS_TRUST_STORE);
        boolean needClientAuth = bool(ConfigKey.TLS_NEED_CLIENT_AUTH);
        if (needClientAuth && trustStore == null) {
            // Otherwise any client with a certificate from a public CA in the JDK's cacerts would get in.
            throw invalid(ConfigKey.TLS_NEED_CLIENT_AUTH, "mutual TLS needs '" + ConfigKey.TLS_TRUST_STORE.key()
                    + "', the CAs that sign the clients' certificates");
        }
        return new TlsOptions(keyStore, optional(ConfigKey.TLS_KEY_STORE_PASSWORD), storeType(ConfigKey.TLS_KEY_STORE_TYPE),
                trustStore, optional(ConfigKey.TLS_TRUST_STORE_PASSWORD), storeType(ConfigKey.TLS_TRUST_STORE_TYPE),
                needClientAuth, true);
    }

    private String storeType(ConfigKey key) throws InvalidConfigException {
        String type = name(key);
        try {
            KeyStore.getInstance(type);
            return type;
        } catch (KeyStoreException e) {
            throw invalid(key, "not a key store type of this JVM; expected PKCS12 or JKS");
        }
    }

    private String name(ConfigKey key) throws InvalidConfigException {
        String text = values.get(key).text();
        if (text.isEmpty()) {
            throw invalid(key, "must not be empty");
        }
        return text;
    }

    /** The {@code store.*} keys with a value, for the store provider (which checks what they mean). */
    private Map<String, String> storeSettings() throws InvalidConfigException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("diskReserveMb", String.valueOf(integer(ConfigKey.STORE_DISK_RESERVE_MB, 0, Integer.MAX_VALUE)));
        String logCache = optional(ConfigKey.STORE_LOG_CACHE_MB);
        if (logCache != null) {
            settings.put("logCacheMb", String.valueOf(integer(ConfigKey.STORE_LOG_CACHE_MB, 1, Integer.MAX_VALUE)));
        }
        return settings;
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
        String shown = key.secret() ? "(hidden)" : "'" + value.text() + "'";
        return new InvalidConfigException("invalid value " + shown + " for key '" + key.key() + "' (from "
                + value.source() + "): " + why);
    }
}
