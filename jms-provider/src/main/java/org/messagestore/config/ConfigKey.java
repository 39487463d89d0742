package org.messagestore.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.messagestore.broker.FlowControl;
import org.messagestore.broker.MemoryLimitPolicy;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.broker.ResourceLimits;
import org.messagestore.transport.tcp.ConnectionLimits;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * Every key of a broker's configuration ({@code broker.properties}), with its default: one table for the
 * standalone server and for brokers embedded in an application. The {@linkplain Scope#ACCEPTOR acceptor}
 * keys configure the server's TCP port and the {@linkplain Scope#SERVER server} keys its metrics endpoint;
 * both mean nothing to an embedded broker, which has neither.
 *
 * <p>The server reads a key in the file as it is named here
 * ({@code redelivery.delayMillis}), as a system property with the prefix {@value #SYSTEM_PROPERTY_PREFIX}
 * ({@code -Dmessagestore.redelivery.delayMillis=500}), and as an environment variable in upper snake
 * case with the prefix {@value #ENVIRONMENT_PREFIX} ({@code MESSAGESTORE_REDELIVERY_DELAY_MILLIS=500}).
 */
public enum ConfigKey {

    NAME("name", "messagestore", "the broker's name, shown in logs"),
    HOST(Scope.ACCEPTOR, "host", "127.0.0.1", "address to listen on; 0.0.0.0 for every interface"),
    PORT(Scope.ACCEPTOR, "port", String.valueOf(TcpOptions.DEFAULT_PORT), "TCP port; 0 picks a free one (logged at start)"),
    DATA_DIR("dataDir", "./data", "the store's directory, relative to the working directory"),
    STORE_DISK_RESERVE_MB("store.diskReserveMb", "8",
            "disk space (MiB) the store keeps in reserve: on a full disk it gives it up, sends fail and acknowledgements go on"),
    STORE_LOG_CACHE_MB("store.logCacheMb", "", "memory (MiB) for the store's log cache; empty: 64, or a tenth of the heap if less"),
    HEARTBEAT_MILLIS(Scope.ACCEPTOR, "heartbeatMillis", String.valueOf(TcpOptions.DEFAULT_HEARTBEAT_MILLIS),
            "heartbeat interval; a peer silent for " + TcpOptions.MISSED_HEARTBEATS + " intervals is dropped"),
    MAX_FRAME_BYTES(Scope.ACCEPTOR, "maxFrameBytes", String.valueOf(TcpOptions.DEFAULT_MAX_FRAME_BYTES),
            "largest frame (one message with its headers) accepted from a client"),
    PAGING_WINDOW("pagingWindow", String.valueOf(FlowControl.DEFAULT_PAGING_WINDOW),
            "messages of each queue and durable subscription held in memory; the rest wait in the store"),
    MEMORY_LIMIT_MB("memory.limitMb", "", "memory (MiB) for messages across all queues; empty: a quarter of the heap"),
    MEMORY_LIMIT_POLICY("memory.limitPolicy", MemoryLimitPolicy.BLOCK.name(),
            "BLOCK: above the limit, sends that need memory wait; FAIL: they fail at once"),
    MEMORY_BLOCK_TIMEOUT_MILLIS("memory.blockTimeoutMillis", String.valueOf(FlowControl.DEFAULT_BLOCK_TIMEOUT.toMillis()),
            "how long a blocked send waits before it fails with ResourceAllocationException"),
    MAX_CONNECTIONS(Scope.ACCEPTOR, "maxConnections", String.valueOf(ConnectionLimits.DEFAULT_MAX_CONNECTIONS),
            "open TCP connections in total; more are closed as soon as they are accepted"),
    MAX_CONNECTIONS_PER_ADDRESS(Scope.ACCEPTOR, "maxConnectionsPerAddress",
            String.valueOf(ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS), "open TCP connections from one remote address"),
    MAX_SESSIONS_PER_CONNECTION("maxSessionsPerConnection", String.valueOf(ResourceLimits.DEFAULT_MAX_SESSIONS_PER_CONNECTION),
            "open sessions of one connection; more fail with ResourceAllocationException"),
    MAX_CONSUMERS_PER_SESSION("maxConsumersPerSession", String.valueOf(ResourceLimits.DEFAULT_MAX_CONSUMERS_PER_SESSION),
            "open consumers of one session; more fail with ResourceAllocationException"),
    XA_UNPREPARED_TIMEOUT_SECONDS("xa.unpreparedTimeoutSeconds",
            String.valueOf(ResourceLimits.DEFAULT_UNPREPARED_BRANCH_TIMEOUT.toSeconds()),
            "an XA branch not prepared within this many seconds is rolled back by the broker; prepared ones never time out"),
    AUTO_CREATE_DESTINATIONS("autoCreateDestinations", "true", "create queues and topics on first use"),
    QUEUES("queues", "", "comma-separated queues that exist from start"),
    TOPICS("topics", "", "comma-separated topics that exist from start"),
    REDELIVERY_DELAY_MILLIS("redelivery.delayMillis", "0", "wait before a message that came back is redelivered"),
    REDELIVERY_MAX_DELIVERIES("redelivery.maxDeliveries", String.valueOf(RedeliveryPolicy.DEFAULT_MAX_DELIVERIES),
            "deliveries before a message moves to the dead-letter queue; 0 = unlimited"),
    REDELIVERY_DEAD_LETTER_QUEUE("redelivery.deadLetterQueue", RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE,
            "the dead-letter queue; empty discards such messages"),
    EXPIRY_QUEUE("expiry.queue", "", "queue that receives expired messages; empty drops them"),
    USERS_FILE("users.file", "", "users and roles file (hashed passwords), a path or classpath:name; empty: authentication off"),
    ACCESS_RULES_FILE("accessRules.file", "", "per-destination permissions, a path or classpath:name; empty: every user may do everything"),
    ALLOW_ANONYMOUS("allowAnonymous", "false", "with users configured, accept connections without credentials"),
    TLS_KEY_STORE(Scope.ACCEPTOR, "tls.keyStore", "", "the broker's certificate and private key; set: the port speaks TLS only (ssl://)"),
    TLS_KEY_STORE_PASSWORD(Scope.ACCEPTOR, "tls.keyStorePassword", "", "password of the key store and its private key; "
            + "pass it as MESSAGESTORE_TLS_KEY_STORE_PASSWORD", true),
    TLS_KEY_STORE_TYPE(Scope.ACCEPTOR, "tls.keyStoreType", "PKCS12", "PKCS12 or JKS"),
    TLS_TRUST_STORE(Scope.ACCEPTOR, "tls.trustStore", "", "the CAs trusted to sign client certificates; empty: the JDK's cacerts"),
    TLS_TRUST_STORE_PASSWORD(Scope.ACCEPTOR, "tls.trustStorePassword", "", "password of the trust store; "
            + "pass it as MESSAGESTORE_TLS_TRUST_STORE_PASSWORD", true),
    TLS_TRUST_STORE_TYPE(Scope.ACCEPTOR, "tls.trustStoreType", "PKCS12", "PKCS12 or JKS"),
    TLS_NEED_CLIENT_AUTH(Scope.ACCEPTOR, "tls.needClientAuth", "false",
            "mutual TLS: refuse clients without a certificate from tls.trustStore"),
    METRICS_HOST(Scope.SERVER, "metrics.host", "127.0.0.1",
            "address of the HTTP endpoint for /metrics and /health; 0.0.0.0 for every interface"),
    METRICS_PORT(Scope.SERVER, "metrics.port", "9404",
            "HTTP port of /metrics (Prometheus) and /health/live, /health/ready; 0 picks a free one; off: no endpoint"),
    METRICS_MAX_QUEUES(Scope.SERVER, "metrics.maxQueues", "1000",
            "queues and durable subscriptions exported one by one; the rest are summed under queue=\"(other)\""),
    JMX_ENABLED(Scope.SERVER, "jmx.enabled", "true",
            "register the broker, its queues and durable subscriptions as MBeans on the platform MBean server");

    /** Who reads a key. */
    public enum Scope {
        /** The broker itself, standalone or embedded. */
        BROKER,
        /** The standalone server's TCP acceptor only. */
        ACCEPTOR,
        /** The standalone server's other services (its metrics and health endpoint) only. */
        SERVER
    }

    public static final String SYSTEM_PROPERTY_PREFIX = "messagestore.";
    public static final String ENVIRONMENT_PREFIX = "MESSAGESTORE_";

    private final Scope scope;
    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    ConfigKey(String key, String defaultValue, String description) {
        this(Scope.BROKER, key, defaultValue, description, false);
    }

    ConfigKey(Scope scope, String key, String defaultValue, String description) {
        this(scope, key, defaultValue, description, false);
    }

    ConfigKey(Scope scope, String key, String defaultValue, String description, boolean secret) {
        this.scope = scope;
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    public Scope scope() {
        return scope;
    }

    /** The name in the properties file. */
    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A password: its value is never logged, shown in an error message or in {@code toString}. */
    public boolean secret() {
        return secret;
    }

    public String systemProperty() {
        return SYSTEM_PROPERTY_PREFIX + key;
    }

    /** {@code redelivery.delayMillis} → {@code MESSAGESTORE_REDELIVERY_DELAY_MILLIS}. */
    public String environmentVariable() {
        String snake = key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return ENVIRONMENT_PREFIX + snake.toUpperCase(Locale.ROOT);
    }

    public static Optional<ConfigKey> forKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
