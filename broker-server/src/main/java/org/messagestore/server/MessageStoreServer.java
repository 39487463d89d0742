package org.messagestore.server;

import jakarta.jms.JMSException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.messagestore.broker.Broker;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.broker.jmx.BrokerMBeans;
import org.messagestore.server.metrics.MetricsEndpoint;
import org.messagestore.store.MessageStore;
import org.messagestore.store.MessageStores;
import org.messagestore.store.StoreMetrics;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone broker: a {@link Broker} on the default store (Xodus when it is on the classpath), served
 * over TCP. {@code java -jar broker-server.jar [broker.properties]} runs {@link #main}; see
 * {@link ServerConfigLoader} for the configuration.
 *
 * <p>Owns the store, the broker, the acceptor, the broker's MBeans on the platform MBean server
 * ({@link BrokerMBeans}; unless {@code jmx.enabled=false}) and the metrics endpoint
 * ({@link MetricsEndpoint}, unless {@code metrics.port=off}). Closes the MBeans first (nothing to manage once
 * stopping), then the next three in the reverse order of their start: first the acceptor
 * (no new connections; broker calls already running finish, open connections close so their
 * uncommitted work rolls back), then the broker, then the store; the metrics endpoint last, so that
 * {@code /health/ready} answers 503 while the rest stops. Threads are those of its parts; this class
 * adds none. {@link #close()} may be called from any thread, and more than once.
 */
public final class MessageStoreServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStoreServer.class);

    /** Exit status when the configuration is unusable. */
    static final int EXIT_BAD_CONFIG = 2;
    /** Exit status when the broker could not start or stop cleanly. */
    static final int EXIT_FAILED = 1;

    private final ServerConfig config;
    private final MessageStore store;
    private final Broker broker;
    private final TcpAcceptor acceptor;
    private final BrokerMBeans mbeans;
    private MetricsEndpoint metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Written under this object's lock; read without it by {@link #notReadyBecause()} on the metrics thread. */
    private volatile boolean closed;
    private boolean closedCleanly;

    private MessageStoreServer(ServerConfig config, MessageStore store, Broker broker, TcpAcceptor acceptor,
                               BrokerMBeans mbeans) {
        this.config = config;
        this.store = store;
        this.broker = broker;
        this.acceptor = acceptor;
        this.mbeans = mbeans;
    }

    /** Opens the store, starts the broker on it and listens on the configured address. */
    public static MessageStoreServer start(ServerConfig config) throws InvalidConfigException, JMSException {
        return start(config, BrokerMBeans.REFRESH_INTERVAL);
    }

    /** As {@link #start(ServerConfig)}, refreshing the queue MBeans every {@code jmxRefresh} (tests wait less). */
    static MessageStoreServer start(ServerConfig config, Duration jmxRefresh) throws InvalidConfigException, JMSException {
        var brokerConfig = config.brokerConfig();
        config.checkTls();
        MessageStore store = openStore(config);
        Broker broker = null;
        TcpAcceptor acceptor = null;
        BrokerMBeans mbeans = null;
        try {
            broker = Broker.start(brokerConfig.withStore(store));
            acceptor = TcpAcceptor.start(broker, config.host(), config.port(), config.tcpOptions(), config.tls(),
                    config.limits());
            if (config.jmx()) {
                mbeans = BrokerMBeans.start(broker, ManagementFactory.getPlatformMBeanServer(), jmxRefresh);
            } else {
                LOG.info("JMX off (jmx.enabled=false): no MBeans registered");
            }
            var server = new MessageStoreServer(config, store, broker, acceptor, mbeans);
            server.startMetrics();
            LOG.info("MessageStore broker '{}' listening on {}://{}:{} ({}data dir {}, store: {})", config.name(),
                    config.scheme(), config.host(), acceptor.port(), tlsDescription(config),
                    config.broker().dataDir().toAbsolutePath().normalize(), store.description());
            return server;
        } catch (JMSException | RuntimeException e) {
            if (mbeans != null) {
                mbeans.close();
            }
            if (acceptor != null) {
                acceptor.close();
            }
            if (broker != null) {
                broker.close();
            }
            store.close();
            throw e;
        }
    }

    private void startMetrics() throws JMSException {
        if (config.metrics().enabled()) {
            metrics = MetricsEndpoint.start(config.metrics(), broker, store, config.broker().dataDir(), this::notReadyBecause);
        } else {
            LOG.info("metrics off (metrics.port=off): no /metrics or /health endpoint");
        }
    }

    /**
     * Why the server cannot take work now, for {@code /health/ready}. The store has no state of its own to
     * ask: it is open and recovered from {@link Broker#start} until {@link #stop()} closes it after the broker.
     */
    Optional<String> notReadyBecause() {
        if (closed) {
            return Optional.of("server stopping");
        }
        if (broker.isClosed()) {
            return Optional.of("broker '" + config.name() + "' closed");
        }
        if (!acceptor.isListening()) {
            return Optional.of("not listening on " + config.host() + ":" + config.port());
        }
        if (store.metrics().map(StoreMetrics::diskLow).orElse(false)) {
            return Optional.of("disk low: the store gave up its reserve and refuses persistent sends");
        }
        return Optional.empty();
    }

    /** The default store on the data directory, with the {@code store.*} settings; a setting it rejects is a config error. */
    private static MessageStore openStore(ServerConfig config) throws InvalidConfigException {
        try {
            return MessageStores.openDefault(config.broker().dataDir(), config.broker().storeSettings());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    /** What the log says about TLS: the key store and whether client certificates are required; never a password. */
    private static String tlsDescription(ServerConfig config) {
        if (config.tls() == null) {
            return "";
        }
        return "TLS only, key store " + config.tls().keyStore()
                + (config.tls().needClientAuth() ? ", client certificate required" : "") + "; ";
    }

    /** The port listened on (the chosen one when the configuration says 0). */
    public int port() {
        return acceptor.port();
    }

    /** The port of {@code /metrics} and {@code /health} (the chosen one when the configuration says 0); empty when off. */
    public Optional<Integer> metricsPort() {
        return Optional.ofNullable(metrics).map(MetricsEndpoint::port);
    }

    /** Test and management view: the broker this server runs. */
    Broker broker() {
        return broker;
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Stops, as described in the class comment; true when every part closed without an error. */
    public synchronized boolean stop() {
        if (closed) {
            return closedCleanly;
        }
        closed = true;
        LOG.info("MessageStore broker '{}' stopping: no new connections, finishing work in progress", config.name());
        boolean clean = mbeans == null || closeQuietly("JMX MBeans", mbeans);
        clean &= closeQuietly("TCP acceptor", acceptor);
        clean &= closeQuietly("broker", broker);
        clean &= closeQuietly("store", store::close);
        if (metrics != null) {
            clean &= closeQuietly("metrics endpoint", metrics);
        }
        closedCleanly = clean;
        if (clean) {
            LOG.info("MessageStore broker '{}' stopped", config.name());
        } else {
            LOG.error("MessageStore broker '{}' stopped with errors (logged above)", config.name());
        }
        stopped.countDown();
        return clean;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean closeQuietly(String what, AutoCloseable part) {
        try {
            part.close();
            return true;
        } catch (Exception e) {
            LOG.error("closing the {} of broker '{}' failed", what, config.name(), e);
            return false;
        }
    }

    /**
     * Runs the server until SIGTERM or SIGINT, then stops it and exits with status 0 (1 when stopping
     * failed). Exits with status {@value #EXIT_BAD_CONFIG} on a bad configuration and {@value #EXIT_FAILED}
     * when the broker cannot start.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(Usage.text());
            return;
        }
        MessageStoreServer server;
        try {
            ServerConfig config = ServerConfigLoader.load(args);
            LOG.info("configuration: {}", config.configFile() == null ? "no file, defaults and overrides"
                    : "file " + describe(config.configFile()) + " and overrides");
            server = start(config);
        } catch (InvalidConfigException e) {
            LOG.error("MessageStore broker not started: {}", e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        } catch (JMSException | RuntimeException e) {
            LOG.error("MessageStore broker not started: {}", e.getMessage(), e);
            System.exit(EXIT_FAILED);
            return;
        }
        TerminationSignals.install(server::stop);
        server.awaitStopped();
        // Stopped by a signal handler, which exits too: whichever exit comes first, the status is the same.
        // Without this, main returning could end the JVM (all other threads are daemons) with status 0
        // before the handler's exit reports a failed stop.
        System.exit(server.stop() ? 0 : EXIT_FAILED);
    }

    private static String describe(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
