package org.messagestore.server;

import java.nio.file.Path;
import java.util.Objects;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.config.BrokerSettings;
import org.messagestore.config.ConfigKey;
import org.messagestore.config.ConfigResources;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.server.metrics.MetricsSettings;
import org.messagestore.transport.tcp.ConnectionLimits;
import org.messagestore.transport.tcp.TcpOptions;
import org.messagestore.transport.tcp.TlsOptions;

/**
 * How to run the standalone broker; read by {@link ServerConfigLoader}, where the keys, defaults and
 * override rules are described. May be logged: the only passwords it holds, those of the TLS stores, are
 * left out of {@link #toString()} (see {@link TlsOptions#toString()}).
 *
 * @param configFile      the properties file it was read from, or null when none was named
 * @param broker          the broker's keys, parsed as for an embedded broker
 * @param host            {@link ConfigKey#HOST}
 * @param port            {@link ConfigKey#PORT}; 0 for any free port
 * @param heartbeatMillis {@link ConfigKey#HEARTBEAT_MILLIS}
 * @param maxFrameBytes   {@link ConfigKey#MAX_FRAME_BYTES}
 * @param limits          {@link ConfigKey#MAX_CONNECTIONS}, {@link ConfigKey#MAX_CONNECTIONS_PER_ADDRESS}
 * @param tls             the {@code tls.*} keys; null when {@link ConfigKey#TLS_KEY_STORE} is empty (plain TCP)
 * @param metrics         the {@code metrics.*} keys: where {@code /metrics} and {@code /health} are served
 * @param jmx             {@link ConfigKey#JMX_ENABLED}: whether the server registers its MBeans
 */
public record ServerConfig(
        Path configFile,
        BrokerSettings broker,
        String host,
        int port,
        int heartbeatMillis,
        int maxFrameBytes,
        ConnectionLimits limits,
        TlsOptions tls,
        MetricsSettings metrics,
        boolean jmx) {

    public ServerConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
    }

    /** The broker's name, shown in logs. */
    public String name() {
        return broker.name();
    }

    /** The TCP acceptor's settings. */
    public TcpOptions tcpOptions() {
        return TcpOptions.defaults().withHeartbeatMillis(heartbeatMillis).withMaxFrameBytes(maxFrameBytes);
    }

    /** The scheme of the URL clients use: {@code ssl} with TLS, else {@code tcp}. */
    public String scheme() {
        return tls == null ? "tcp" : "ssl";
    }

    /**
     * Reads the TLS key and trust stores (when TLS is on): a missing file or wrong password fails here,
     * naming the key at fault but never the password.
     */
    public void checkTls() throws InvalidConfigException {
        if (tls != null) {
            TlsStoreCheck.check(tls);
        }
    }

    /**
     * Everything {@link MessageStoreServer#start} checks before it opens the store: the TLS stores and the
     * users and access rules files. The store's own settings are checked only when it opens.
     */
    public void check() throws InvalidConfigException {
        checkTls();
        brokerConfig();
    }

    /**
     * The broker's settings, without a store (the server opens it). A users or access rules file
     * that cannot be read or parsed fails here, naming the key, so the broker never starts with
     * less security than it was asked for.
     */
    public BrokerConfig brokerConfig() throws InvalidConfigException {
        return broker.brokerConfig(new ConfigResources(ServerConfig.class.getClassLoader()));
    }
}
