package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.messagestore.broker.security.AccessControl;
import org.messagestore.broker.security.ConnectionLogin;
import org.messagestore.broker.security.Identity;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;
import org.messagestore.store.MessageStore;
import org.messagestore.store.MessageStores;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.RecoveredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running broker: queues, topics and subscriptions over a {@link MessageStore}. Several brokers may
 * run side by side in one JVM; each registers under its name so that {@code vm://<name>} finds it.
 *
 * <p>Threads: work runs on the threads that call its connections and on the store's completion
 * threads (see {@link MessageQueue}). The broker owns one thread, {@code messagestore-scheduler-<name>}
 * ({@link DeliveryScheduler}), which wakes queues when delayed messages become due. {@link #close()}
 * closes every open connection, telling each client through its {@link ConnectionListener}, stops the
 * scheduler, then closes the store if the broker opened it.
 *
 * <p>At start it also creates the dead-letter and expiry queues named by the configured
 * {@link RedeliveryPolicy} and {@link ExpiryPolicy} (by default the queue {@code DLQ}).
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final boolean ownsStore;
    private final BrokerServices services;
    private final ConnectionLogin login;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AdminCommands admin = new AdminCommands(this);

    private Broker(BrokerConfig config, MessageStore store, boolean ownsStore) throws JMSException {
        this.config = config;
        this.store = store;
        this.ownsStore = ownsStore;
        this.services = BrokerServices.create(config, store);
        this.login = new ConnectionLogin(config.name(), config.security().authenticatorFor(config.users()),
                config.allowAnonymous());
        try {
            RecoveredState recovered = new StoreRecovery(services).run();
            services.xa().recovered(recovered.prepared(), recovered.heuristics());
            for (String queue : config.queues()) {
                services.destinations().declareQueue(queue);
            }
            for (String topic : config.topics()) {
                services.destinations().declareTopic(topic);
            }
            // Dead-letter and expiry queues exist from start: moving a message there never has to
            // create a queue (UndeliverableRouter may run on a store thread, which must not block).
            for (String queue : config.undeliverableQueues()) {
                services.destinations().declareQueue(queue);
            }
        } catch (JMSException | RuntimeException e) {
            services.stopThreads();
            throw e;
        }
    }

    /** Starts a broker: opens (or takes) its store, recovers from it, and registers it for {@code vm://}. */
    public static Broker start(BrokerConfig config) throws JMSException {
        boolean ownsStore = config.store() == null;
        MessageStore store = ownsStore ? MessageStores.openDefault(config.dataDir(), config.storeSettings()) : config.store();
        if (!store.survivesRestart()) {
            LOG.warn("broker '{}' uses the {}: persistent messages and durable subscriptions will not survive a restart of the JVM",
                    config.name(), store.description());
        }
        try {
            Broker broker = new Broker(config, store, ownsStore);
            RunningBrokers.register(config.name(), broker);
            LOG.info("broker '{}' started on the {}; authentication: {}", config.name(), store.description(), broker.login);
            return broker;
        } catch (JMSException | RuntimeException e) {
            if (ownsStore) {
                store.close();
            }
            throw e;
        }
    }

    public String name() {
        return config.name();
    }

    public BrokerConfig config() {
        return config;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** XA branches found prepared at start and not yet resolved. */
    public List<PreparedTransaction> inDoubtTransactions() {
        return services.xa().inDoubt();
    }

    /** What the broker holds and has done, for metrics and management; taken now, nothing read from the store. */
    public BrokerStatistics statistics() {
        int sessions = 0;
        for (ServerConnection connection : connections) {
            sessions += connection.sessionCount();
        }
        XaTransactions.Counts xa = services.xa().counts();
        return new BrokerStatistics(connections.size(), sessions, services.memory().used(), services.memory().limit(),
                services.memory().waitingSends(), login.failures(), xa.active(), xa.prepared(), xa.heuristic(),
                services.destinations().statistics());
    }

    /**
     * One queue destination ({@code topic} null), or one subscription of {@code topic} named as in
     * {@link QueueStatistics#name()}: what {@link #statistics()} says of it, without taking every queue's.
     */
    public Optional<QueueStatistics> statistics(String name, String topic) {
        return services.destinations().statistics(name, topic);
    }

    /** In-doubt XA work for operators: list prepared branches, settle one by hand. */
    public PreparedBranches preparedBranches() {
        return new PreparedBranches(services.xa());
    }

    /** Operator actions on the messages waiting in a queue or subscription: purge, move, retry dead letters, remove one. */
    public QueueOperations queueOperations() {
        return new QueueOperations(services);
    }

    /**
     * Opens a connection after checking the credentials ({@link BrokerConfig#security()}); JMSSecurityException
     * when they are refused. The connection's operations are then checked against the access rules.
     * {@code listener} hears when the broker closes under the connection (may be null).
     */
    public BrokerConnection connect(String user, String password, ConnectionListener listener) throws JMSException {
        if (closed.get()) {
            throw new IllegalStateException("broker '" + config.name() + "' is closed");
        }
        Identity identity = login.login(user, password);
        String connectionId = config.name() + "-connection-" + connectionCount.incrementAndGet();
        ServerConnection connection = new ServerConnection(connectionId, services,
                new AccessControl(config.security().access(), identity), admin, listener, connections::remove);
        connections.add(connection);
        if (closed.get()) {
            connection.close();
            throw new IllegalStateException("broker '" + config.name() + "' is closed");
        }
        return connection;
    }

    /** The open client connections. */
    public List<ConnectionInfo> connections() {
        return connections.stream().map(ServerConnection::info)
                .sorted(java.util.Comparator.comparing(ConnectionInfo::connectedAt).thenComparing(ConnectionInfo::id)).toList();
    }

    /**
     * Closes a client connection as the broker does at shutdown: its sessions close, its unacknowledged
     * messages return to their queues, and the client's ExceptionListener hears of it. False when there
     * is no such connection.
     */
    public boolean closeConnection(String connectionId) {
        for (ServerConnection connection : connections) {
            if (connection.connectionId().equals(connectionId)) {
                LOG.info("closing {} at an operator's request", connection);
                connection.closeByBroker(new JMSException("an operator of broker '" + config.name()
                        + "' closed connection " + connectionId));
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the durable subscription shown as {@code name} ({@code clientId:name}, or {@code name} without
     * a client id; see {@link QueueStatistics#name()}), of {@code topic} when given. InvalidDestinationException
     * when there is none; IllegalStateException while a consumer is attached or messages are unacknowledged.
     */
    public void deleteDurableSubscription(String name, String topic) throws JMSException {
        services.subscriptions().unsubscribeByDisplayName(name, topic);
    }

    /** Test view: whether the unprepared branch {@code xid} is over its timeout, waiting for its session to end it. */
    boolean timedOut(org.messagestore.model.BranchXid xid) {
        return services.xa().timedOut(xid);
    }

    /** Test and management view: the queue destination {@code name}, or null. */
    MessageQueue queue(String name) {
        return services.destinations().findQueue(name);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        JMSException cause = new JMSException("broker '" + config.name() + "' was shut down");
        for (ServerConnection connection : List.copyOf(connections)) {
            connection.closeByBroker(cause);
        }
        RunningBrokers.unregister(config.name(), this);
        admin.close();
        services.stopThreads();
        if (ownsStore) {
            store.close();
        }
        LOG.info("broker '{}' stopped", config.name());
    }

    @Override
    public String toString() {
        return "broker '" + config.name() + "'";
    }
}
