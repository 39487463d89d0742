package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.transaction.xa.XAException;
import org.messagestore.broker.security.AccessControl;
import org.messagestore.model.AdminProgress;
import org.messagestore.model.AdminResult;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DeliverySink;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's side of one client connection: the in-VM transport hands it to the client directly, a
 * network server drives it from decoded frames. It routes each call to the session, consumer, queue
 * or registry concerned and knows nothing of client classes. Every operation on a destination is first
 * checked against the access rules ({@link OperationAccess}) for the identity the connection logged in with.
 *
 * <p>Threads: called by the client's threads (and by {@link Broker#close}). Its maps are concurrent;
 * the client id is written once under {@code this}. Per-session ordering is the client's job.
 */
final class ServerConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final String connectionId;
    private final BrokerServices services;
    private final OperationAccess access;
    private final AccessControl accessControl;
    private final AdminCommands admin;
    private final Instant connectedAt = Instant.now();
    private final ConnectionListener listener;
    private final Consumer<ServerConnection> onClose;
    private final AtomicLong deliveryIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;
    private final Map<Long, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, ServerConsumer> consumers = new ConcurrentHashMap<>();
    private final Map<Long, QueueBrowserCursor> browsers = new ConcurrentHashMap<>();
    private final Set<DestinationName> temporaries = ConcurrentHashMap.newKeySet();
    private volatile String clientId;

    ServerConnection(String connectionId, BrokerServices services, AccessControl access, AdminCommands admin,
                     ConnectionListener listener, Consumer<ServerConnection> onClose) {
        this.connectionId = connectionId;
        this.services = services;
        this.access = new OperationAccess(access, services);
        this.accessControl = access;
        this.admin = admin;
        this.listener = listener;
        this.onClose = onClose;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    int sessionCount() {
        return sessions.size();
    }

    /** What an operator sees of this connection. */
    ConnectionInfo info() {
        return new ConnectionInfo(connectionId, accessControl.identity().user(), clientId, sessions.size(), connectedAt);
    }

    long nextDeliveryId() {
        return deliveryIds.incrementAndGet();
    }

    @Override
    public synchronized void setClientId(String newClientId) throws JMSException {
        ensureOpen();
        if (clientId != null) {
            throw new IllegalStateException("this connection already has client id '" + clientId + "'");
        }
        services.clientIds().claim(newClientId, connectionId);
        clientId = newClientId;
    }

    @Override
    public void createSession(long sessionId, boolean transacted) throws JMSException {
        ensureOpen();
        synchronized (sessions) { // the count and the new session in one step, so the limit is exact
            int limit = services.limits().maxSessionsPerConnection();
            if (sessions.size() >= limit) {
                throw refuse("connection " + connectionId + " already has " + limit
                        + " sessions, the most a connection may open (maxSessionsPerConnection)");
            }
            if (sessions.putIfAbsent(sessionId, new ServerSession(sessionId, transacted, this, services)) != null) {
                throw new JMSException("session " + sessionId + " already exists on connection " + connectionId);
            }
        }
    }

    /** The exception for a call over a {@link ResourceLimits} limit, reported in the log once per interval. */
    private ResourceAllocationException refuse(String why) {
        services.refusals().refused("refused a call of connection " + connectionId + ": " + why);
        return new ResourceAllocationException(why);
    }

    @Override
    public void closeSession(long sessionId) throws JMSException {
        ServerSession session = sessions.remove(sessionId);
        if (session != null) {
            closeSession(session);
        }
    }

    /**
     * Closing a session closes its consumers and browsers and returns its outstanding deliveries as a
     * rollback does (Jakarta Messaging 3.1, 6.2.15 "Closing a session").
     */
    private void closeSession(ServerSession session) throws JMSException {
        session.awaitPipelined();
        services.xa().sessionClosed(session);
        browsers.values().removeIf(browser -> {
            if (browser.sessionId() == session.id()) {
                browser.close();
                return true;
            }
            return false;
        });
        for (ServerConsumer consumer : session.consumers()) {
            closeConsumer(consumer.id());
        }
        session.rollback();
    }

    @Override
    public void createConsumer(ConsumerSpec spec, DeliverySink sink) throws JMSException {
        ensureOpen();
        ServerSession session = session(spec.sessionId());
        if (consumers.containsKey(spec.consumerId())) {
            throw new JMSException("consumer " + spec.consumerId() + " already exists on connection " + connectionId);
        }
        int limit = services.limits().maxConsumersPerSession();
        if (session.consumerCount() >= limit) {
            throw refuse("session " + spec.sessionId() + " of connection " + connectionId + " already has " + limit
                    + " consumers, the most a session may open (maxConsumersPerSession)");
        }
        // Jakarta Messaging 3.1, 3.8.1: an invalid selector fails consumer creation with InvalidSelectorException.
        MessageFilter filter = MessageFilter.parse(spec.selector());
        access.consume(spec, clientId);
        SubscriptionRegistry.ConsumerFactory factory = (queue, subscription) -> {
            // A subscription's queue holds only messages its selector matched at send time.
            ServerConsumer consumer = new ServerConsumer(spec, session, sink, queue, subscription,
                    subscription == null ? filter : MessageFilter.ALL);
            consumers.put(consumer.id(), consumer);
            session.addConsumer(consumer);
            return consumer;
        };
        try {
            if (spec.destination().isTopic()) {
                TopicAddress topic = services.destinations().topicForConsumer(spec.destination(), connectionId);
                services.subscriptions().subscribe(spec, topic, clientId, connectionId, factory);
            } else {
                if (spec.durable() || spec.shared() || spec.subscriptionName() != null) {
                    throw new InvalidDestinationException("subscriptions need a topic, and " + spec.destination() + " is not one");
                }
                MessageQueue queue = services.destinations().queueForConsumer(spec.destination(), connectionId);
                factory.create(queue, null);
                queue.addConsumer(consumers.get(spec.consumerId()));
            }
        } catch (JMSException | RuntimeException e) {
            closeConsumer(spec.consumerId());
            throw e;
        }
    }

    @Override
    public void closeConsumer(long consumerId) {
        ServerConsumer consumer = consumers.remove(consumerId);
        if (consumer == null) {
            return;
        }
        consumer.session().removeConsumer(consumer);
        if (consumer.subscription() != null) {
            services.subscriptions().release(consumer);
        } else {
            consumer.queue().removeConsumer(consumer);
        }
    }

    @Override
    public CompletableFuture<Void> send(long sessionId, MessageData message) {
        try {
            ensureOpen();
            return send(session(sessionId), message);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> sendPipelined(long sessionId, MessageData message) {
        ServerSession session;
        try {
            ensureOpen();
            session = session(sessionId);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = send(session, message);
        if (session.collectsSends()) {
            session.pipelined(result);
        }
        return result;
    }

    private CompletableFuture<Void> send(ServerSession session, MessageData message) {
        try {
            access.send(message.destination());
            Address address = services.destinations().forSend(message.destination());
            BrokerMessage accepted = services.router().accept(message, connectionId, clientId);
            // Over the memory limit a message that must stay in memory waits or fails (MemoryLimitPolicy).
            if (session.collectsSends()) {
                return services.memory().admit(accepted, address, () -> {
                    session.enlist(new PendingSend(accepted, address));
                    return CompletableFuture.completedFuture(null);
                });
            }
            return services.memory().admit(accepted, address, () -> services.router().send(accepted, address));
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void setStarted(boolean start) throws JMSException {
        ensureOpen();
        started = start;
        if (start) {
            consumers.values().forEach(consumer -> consumer.queue().wake());
        }
    }

    /** Whether its consumers may receive: set by the client's Connection.start and stop. */
    boolean isStarted() {
        return started;
    }

    @Override
    public void consumed(long consumerId, long deliveryId) {
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer != null && consumer.session().markConsumed(deliveryId) != null) {
            consumer.queue().consumed(consumer);
        }
    }

    @Override
    public void pull(long consumerId) {
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer != null) {
            consumer.queue().pull(consumer);
        }
    }

    @Override
    public void drain(long consumerId) throws JMSException {
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer != null) {
            consumer.queue().drain(consumer);
        }
    }

    @Override
    public void acknowledge(long sessionId) throws JMSException {
        ensureOpen();
        session(sessionId).acknowledge();
    }

    @Override
    public CompletableFuture<Void> acknowledgeAsync(long sessionId) {
        try {
            ensureOpen();
            return session(sessionId).acknowledgeAsync();
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> acknowledgeLazily(long sessionId) {
        ServerSession session = sessions.get(sessionId);
        if (session == null || closed.get()) {
            return CompletableFuture.completedFuture(null); // closing returned the deliveries already
        }
        return session.acknowledgeLazily();
    }

    @Override
    public void commit(long sessionId) throws JMSException {
        ensureOpen();
        ServerSession session = session(sessionId);
        if (!session.transacted()) {
            throw new IllegalStateException("session " + sessionId + " is not transacted");
        }
        session.commit();
    }

    @Override
    public void rollback(long sessionId) throws JMSException {
        ensureOpen();
        ServerSession session = session(sessionId);
        if (session.xaBranch() != null) {
            throw new IllegalStateException("session " + sessionId + " is associated with XA " + session.xaBranch()
                    + ": its transaction manager ends and rolls back the branch");
        }
        session.rollback();
    }

    // ---- XA: checks the session, then the broker-wide table (XaTransactions) does the rest

    @Override
    public void xaStart(long sessionId, BranchXid xid, int flags) throws XAException {
        services.xa().start(xaSession(sessionId), xid, flags);
    }

    /** A session closed meanwhile has already ended its association (see XaTransactions). */
    @Override
    public void xaEnd(long sessionId, BranchXid xid, int flags) throws XAException {
        xaOpen();
        ServerSession session = sessions.get(sessionId);
        if (session == null) {
            services.xa().endClosed(xid, flags);
        } else {
            session.awaitPipelined(); // outside the XA table's lock: the branch gets every send of the session
            services.xa().end(session, xid, flags);
        }
    }

    @Override
    public int xaPrepare(BranchXid xid) throws XAException {
        xaOpen();
        return services.xa().prepare(xid);
    }

    @Override
    public void xaCommit(BranchXid xid, boolean onePhase) throws XAException {
        xaOpen();
        services.xa().commit(xid, onePhase);
    }

    @Override
    public void xaRollback(BranchXid xid) throws XAException {
        xaOpen();
        services.xa().rollback(xid);
    }

    @Override
    public List<BranchXid> xaRecover() throws XAException {
        xaOpen();
        return services.xa().recover();
    }

    @Override
    public void xaForget(BranchXid xid) throws XAException {
        xaOpen();
        services.xa().forget(xid);
    }

    private ServerSession xaSession(long sessionId) throws XAException {
        xaOpen();
        ServerSession session = sessions.get(sessionId);
        if (session == null) {
            throw XaErrors.protocol("session " + sessionId + " does not exist or is closed");
        }
        return session;
    }

    private void xaOpen() throws XAException {
        if (closed.get()) {
            throw XaErrors.of(XAException.XAER_RMFAIL, "connection " + connectionId + " is closed");
        }
    }

    @Override
    public void unsubscribe(String subscriptionName) throws JMSException {
        ensureOpen();
        access.unsubscribe(clientId, subscriptionName);
        services.subscriptions().unsubscribe(clientId, subscriptionName);
    }

    @Override
    public void createBrowser(long browserId, long sessionId, DestinationName queue, String selector) throws JMSException {
        ensureOpen();
        session(sessionId);
        MessageFilter filter = MessageFilter.parse(selector);
        if (queue.isTopic()) {
            throw new InvalidDestinationException("a browser needs a queue, and " + queue + " is a topic");
        }
        access.browse(queue);
        // Same existence rules as a consumer: auto-create, and temporary queues only for their connection.
        MessageQueue target = services.destinations().queueForConsumer(queue, connectionId);
        if (browsers.putIfAbsent(browserId, new QueueBrowserCursor(browserId, sessionId, target, filter)) != null) {
            throw new JMSException("browser " + browserId + " already exists on connection " + connectionId);
        }
    }

    @Override
    public List<MessageData> browseNext(long browserId, int max) throws JMSException {
        ensureOpen();
        QueueBrowserCursor browser = browsers.get(browserId);
        if (browser == null) {
            throw new IllegalStateException("browser " + browserId + " does not exist or is closed");
        }
        return browser.next(max);
    }

    @Override
    public void closeBrowser(long browserId) {
        QueueBrowserCursor browser = browsers.remove(browserId);
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public void createTemporaryDestination(DestinationName destination) throws JMSException {
        ensureOpen();
        services.destinations().createTemporary(destination, connectionId);
        temporaries.add(destination);
    }

    @Override
    public void deleteTemporaryDestination(DestinationName destination) throws JMSException {
        ensureOpen();
        services.destinations().deleteTemporary(destination, connectionId);
        temporaries.remove(destination);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ServerSession session : List.copyOf(sessions.values())) {
            sessions.remove(session.id());
            try {
                closeSession(session);
            } catch (JMSException e) {
                LOG.warn("closing session {} of connection {} failed", session.id(), connectionId, e);
            }
        }
        services.xa().connectionClosed(this);
        browsers.values().forEach(QueueBrowserCursor::close);
        browsers.clear();
        services.destinations().deleteTemporariesOf(connectionId);
        temporaries.clear();
        services.clientIds().release(clientId, connectionId);
        onClose.accept(this);
    }

    @Override
    public CompletableFuture<AdminResult> admin(String command, Map<String, String> arguments, AdminProgress progress) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection " + connectionId + " is closed"));
        }
        return admin.run(accessControl, command, arguments, progress == null ? AdminProgress.NONE : progress);
    }

    /** The broker is going away: close, then tell the client its connection failed. */
    void closeByBroker(JMSException cause) {
        if (closed.get()) {
            return;
        }
        close();
        if (listener != null) {
            listener.connectionFailed(cause);
        }
    }

    private ServerSession session(long sessionId) throws JMSException {
        ServerSession session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalStateException("session " + sessionId + " does not exist or is closed");
        }
        return session;
    }

    private void ensureOpen() throws IllegalStateException {
        if (closed.get()) {
            throw new IllegalStateException("connection " + connectionId + " is closed");
        }
    }

    @Override
    public String toString() {
        return "connection " + connectionId + (clientId == null ? "" : " (client id '" + clientId + "')");
    }
}
