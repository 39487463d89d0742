package org.messagestore.server;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.List;
import org.messagestore.config.BrokerSettings;
import org.messagestore.config.ConfigKey;
import org.messagestore.config.ConfigReader;
import org.messagestore.config.ConfigValues;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.server.metrics.MetricsSettings;
import org.messagestore.transport.tcp.ConnectionLimits;
import org.messagestore.transport.tcp.TcpOptions;
import org.messagestore.transport.tcp.TlsOptions;

/**
 * Turns the raw text of each key into a {@link ServerConfig}: the broker keys as every broker reads them
 * ({@link BrokerSettings}), the acceptor keys here. A bad value names the key, the value and its source.
 */
final class ServerConfigParser {

    private final ConfigValues values;
    private final ConfigReader reader;

    private ServerConfigParser(ConfigValues values) {
        this.values = values;
        this.reader = new ConfigReader(values);
    }

    static ServerConfig parse(ConfigValues values, Path configFile) throws InvalidConfigException {
        var parser = new ServerConfigParser(values);
        var config = new ServerConfig(
                configFile,
                BrokerSettings.read(parser.reader),
                parser.reader.name(ConfigKey.HOST),
                parser.reader.integer(ConfigKey.PORT, 0, 65_535),
                parser.reader.integer(ConfigKey.HEARTBEAT_MILLIS, 1, Integer.MAX_VALUE),
                parser.reader.integer(ConfigKey.MAX_FRAME_BYTES, TcpOptions.MIN_FRAME_BYTES, Integer.MAX_VALUE),
                new ConnectionLimits(parser.reader.integer(ConfigKey.MAX_CONNECTIONS, 1, Integer.MAX_VALUE),
                        parser.reader.integer(ConfigKey.MAX_CONNECTIONS_PER_ADDRESS, 1, Integer.MAX_VALUE)),
                parser.tls(),
                parser.metrics(),
                parser.reader.bool(ConfigKey.JMX_ENABLED));
        parser.checkTcpOptions(config);
        return config;
    }

    /**
     * The TLS settings, or null when {@link ConfigKey#TLS_KEY_STORE} is empty. Any other {@code tls.*} key set
     * without a key store is an error: the operator asked for TLS and must not silently get plain TCP. The
     * stores themselves are read later, by {@link ServerConfig#checkTls()}.
     */
    private TlsOptions tls() throws InvalidConfigException {
        Path keyStore = reader.optionalPath(ConfigKey.TLS_KEY_STORE);
        if (keyStore == null) {
            for (ConfigKey key : List.of(ConfigKey.TLS_KEY_STORE_PASSWORD, ConfigKey.TLS_KEY_STORE_TYPE,
                    ConfigKey.TLS_TRUST_STORE, ConfigKey.TLS_TRUST_STORE_PASSWORD, ConfigKey.TLS_TRUST_STORE_TYPE,
                    ConfigKey.TLS_NEED_CLIENT_AUTH)) {
                if (values.isSet(key)) {
                    throw reader.invalid(key, "TLS is off: set '" + ConfigKey.TLS_KEY_STORE.key() + "' as well");
                }
            }
            return null;
        }
        Path trustStore = reader.optionalPath(ConfigKey.TLS_TRUST_STORE);
        boolean needClientAuth = reader.bool(ConfigKey.TLS_NEED_CLIENT_AUTH);
        if (needClientAuth && trustStore == null) {
            // Otherwise any client with a certificate from a public CA in the JDK's cacerts would get in.
            throw reader.invalid(ConfigKey.TLS_NEED_CLIENT_AUTH, "mutual TLS needs '" + ConfigKey.TLS_TRUST_STORE.key()
                    + "', the CAs that sign the clients' certificates");
        }
        return new TlsOptions(keyStore, reader.optional(ConfigKey.TLS_KEY_STORE_PASSWORD), storeType(ConfigKey.TLS_KEY_STORE_TYPE),
                trustStore, reader.optional(ConfigKey.TLS_TRUST_STORE_PASSWORD), storeType(ConfigKey.TLS_TRUST_STORE_TYPE),
                needClientAuth, true);
    }

    /** The {@code metrics.*} keys; {@code metrics.port=off} turns the endpoint off. */
    private MetricsSettings metrics() throws InvalidConfigException {
        String host = reader.name(ConfigKey.METRICS_HOST);
        int maxQueues = reader.integer(ConfigKey.METRICS_MAX_QUEUES, 0, Integer.MAX_VALUE);
        if (values.get(ConfigKey.METRICS_PORT).text().strip().equalsIgnoreCase(MetricsSettings.OFF)) {
            return new MetricsSettings(false, host, 0, maxQueues);
        }
        try {
            return new MetricsSettings(true, host, Integer.parseInt(values.get(ConfigKey.METRICS_PORT).text().strip()),
                    maxQueues);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(ConfigKey.METRICS_PORT, "expected a port from 0 to 65535, or " + MetricsSettings.OFF);
        }
    }

    private String storeType(ConfigKey key) throws InvalidConfigException {
        String type = reader.name(key);
        try {
            KeyStore.getInstance(type);
            return type;
        } catch (KeyStoreException e) {
            throw reader.invalid(key, "not a key store type of this JVM; expected PKCS12 or JKS");
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
}
