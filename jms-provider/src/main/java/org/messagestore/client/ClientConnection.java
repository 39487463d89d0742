package org.messagestore.client;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.messagestore.client.MessageStoreConnectionFactory.ClientSettings;
import org.messagestore.client.destination.ClientTemporaryQueue;
import org.messagestore.client.destination.ClientTemporaryTopic;
import org.messagestore.client.destination.TemporaryDestinationOwner;
import org.messagestore.client.message.DeserializationAllowList;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.transport.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS connection: one {@link BrokerConnection} to the broker, and the sessions made on it.
 *
 * <p>Threads: any application thread may call it. Listener threads belong to the sessions; the
 * exception listener runs on a short-lived thread of its own so a failing transport never calls
 * application code while holding a lock.
 */
public final class ClientConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final BrokerConnection link;
    private final int prefetch;
    private final boolean lazyAutoAcknowledge;
    private final DeserializationAllowList deserializationAllowList;
    private final boolean clientIdAdministered;
    private final SessionDomain domain;
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong nextSessionId = new AtomicLong();
    private final AtomicLong nextConsumerId = new AtomicLong();
    private final AtomicLong nextTemporaryId = new AtomicLong();
    private final AtomicLong nextMessageId = new AtomicLong();
    private final Object stateLock = new Object();

    private volatile String clientId;
    private volatile boolean clientIdSettable = true;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile ExceptionListener exceptionListener;

    private ClientConnection(BrokerConnection link, ClientSettings settings, SessionDomain domain) {
        this.link = link;
        this.domain = domain;
        this.prefetch = settings.prefetch();
        this.lazyAutoAcknowledge = settings.lazyAutoAcknowledge();
        this.deserializationAllowList = settings.deserializationAllowList();
        this.clientIdAdministered = settings.clientId() != null;
        this.clientId = settings.clientId();
    }

    /**
     * Opens a connection. {@code domain} records whether it was made as a QueueConnection or
     * TopicConnection, whose javadoc forbids some of the other domain's methods.
     */
    static ClientConnection open(Connector connector, String user, String password, ClientSettings settings,
            SessionDomain domain) throws JMSException {
        // The transport may report a failure before the connection object exists; relay it once it does.
        AtomicReference<ClientConnection> relay = new AtomicReference<>();
        BrokerConnection link = connector.connect(user, password, cause -> {
            ClientConnection c = relay.get();
            if (c != null) {
                c.onFailure(cause);
            }
        });
        ClientConnection connection = new ClientConnection(link, settings, domain);
        relay.set(connection);
        if (settings.clientId() != null) {
            try {
                link.setClientId(settings.clientId());
            } catch (JMSException e) {
                link.close();
                throw e;
            }
        }
        return connection;
    }

    BrokerConnection link() {
        return link;
    }

    int prefetch() {
        return prefetch;
    }

    /** The factory option {@code lazyAutoAcknowledge}: AUTO_ACKNOWLEDGE sessions acknowledge as DUPS_OK ones do. */
    boolean lazyAutoAcknowledge() {
        return lazyAutoAcknowledge;
    }

    /** The classes ObjectMessage bodies received or made on this connection may deserialize. */
    DeserializationAllowList deserializationAllowList() {
        return deserializationAllowList;
    }

    boolean isStarted() {
        return started;
    }

    long newConsumerId() {
        return nextConsumerId.incrementAndGet();
    }

    /** A JMSMessageID unique across the broker: "ID:" + connection id + sequence. */
    String newMessageId() {
        return "ID:" + link.connectionId() + "-" + nextMessageId.incrementAndGet();
    }

    /** Reported by the transport when the broker connection fails. */
    void onFailure(JMSException cause) {
        ExceptionListener listener = exceptionListener;
        if (listener == null || closed) {
            return;
        }
        Thread notifier = new Thread(() -> listener.onException(cause), "messagestore-exception-listener");
        notifier.setDaemon(true);
        notifier.start();
    }

    /** A pipelined non-persistent send failed: nobody waits for it, so the ExceptionListener hears of it, or the log. */
    void onSendFailure(JMSException cause) {
        if (exceptionListener == null && !closed) {
            LOG.warn("a non-persistent message sent on connection {} was lost: {}", link.connectionId(), cause.getMessage());
        }
        onFailure(cause);
    }

    // ---- client id (Jakarta Messaging 3.1, 6.1.2 "Client identifier")

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdAdministered) {
            throw new IllegalStateException("client id '" + clientId
                    + "' was configured administratively on the connection factory and cannot be changed");
        }
        synchronized (stateLock) {
            if (!clientIdSettable) {
                throw new IllegalStateException(clientId != null
                        ? "client id is already set to '" + clientId + "'"
                        : "client id must be set right after the connection is created, before any other action");
            }
            if (id == null || id.isEmpty()) {
                throw new InvalidClientIDException("client id must not be null or empty");
            }
            link.setClientId(id);
            clientId = id;
            clientIdSettable = false;
        }
    }

    /** After the first real use of a connection its client id can no longer be set. */
    private void markUsed() {
        clientIdSettable = false;
    }

    // ---- sessions

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted, acknowledgeMode, SessionDomain.UNIFIED);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return openSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode, SessionDomain.UNIFIED);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted, acknowledgeMode, SessionDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted, acknowledgeMode, SessionDomain.TOPIC);
    }

    private ClientSession openSession(boolean transacted, int acknowledgeMode, SessionDomain domain)
            throws JMSException {
        checkOpen();
        markUsed();
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        if (mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE && mode != Session.SESSION_TRANSACTED) {
            throw new JMSException("invalid acknowledge mode " + acknowledgeMode
                    + "; use AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED");
        }
        long sessionId = nextSessionId.incrementAndGet();
        link.createSession(sessionId, mode == Session.SESSION_TRANSACTED);
        ClientSession session = new ClientSession(this, sessionId, mode, domain);
        sessions.add(session);
        return session;
    }

    /**
     * Opens the session behind an XASession: on the broker a plain non-transacted session that joins an
     * XA branch while its XAResource associates it (see {@link ClientXASession}).
     */
    ClientXASession openXaSession(SessionDomain sessionDomain, String resourceManager) throws JMSException {
        checkOpen();
        markUsed();
        long sessionId = nextSessionId.incrementAndGet();
        link.createSession(sessionId, false);
        ClientXASession session = new ClientXASession(this, sessionId, sessionDomain, resourceManager);
        sessions.add(session);
        return session;
    }

    void sessionClosed(ClientSession session) {
        sessions.remove(session);
    }

    // ---- start / stop / close (Jakarta Messaging 3.1, 6.1.4-6.1.8)

    @Override
    public void start() throws JMSException {
        checkOpen();
        markUsed();
        if (!started) {
            link.setStarted(true);
            started = true;
        }
        sessions.forEach(ClientSession::wakeUp);
    }

    /** Stops delivery and waits for running listeners; illegal from a listener of this connection (6.1.5). */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        markUsed();
        if (isListenerThread()) {
            throw new IllegalStateException("stop() must not be called from a message listener of its own connection");
        }
        if (started) {
            started = false;
            link.setStarted(false);
        }
        for (ClientSession session : sessions) {
            session.awaitListenerIdle();
        }
    }

    /**
     * Closes sessions (blocked receives return null, running listeners finish first), deletes
     * temporary destinations and frees the client id; illegal from a listener of this connection (6.1.8).
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isListenerThread() || isCompletionThread()) {
            throw new IllegalStateException("close() must not be called from a listener of its own connection");
        }
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        started = false;
        JMSException failure = null;
        for (ClientSession session : List.copyOf(sessions)) {
            try {
                session.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        link.close();
        if (failure != null) {
            throw failure;
        }
    }

    boolean isListenerThread() {
        for (ClientSession session : sessions) {
            if (session.isListenerThread()) {
                return true;
            }
        }
        return false;
    }

    boolean isCompletionThread() {
        for (ClientSession session : sessions) {
            if (session.isCompletionThread()) {
                return true;
            }
        }
        return false;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("connection is closed");
        }
    }

    // ---- metadata, exception listener

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return new ClientConnectionMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        markUsed();
        exceptionListener = listener;
    }

    // ---- temporary destinations (Jakarta Messaging 3.1, 6.2.2 "Creating temporary destinations")

    ClientTemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        var queue = new ClientTemporaryQueue(temporaryName(), this);
        link.createTemporaryDestination(queue.destinationName());
        return queue;
    }

    ClientTemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        var topic = new ClientTemporaryTopic(temporaryName(), this);
        link.createTemporaryDestination(topic.destinationName());
        return topic;
    }

    private String temporaryName() {
        return "temp-" + link.connectionId() + "-" + nextTemporaryId.incrementAndGet();
    }

    @Override
    public void deleteTemporaryDestination(DestinationName name) throws JMSException {
        checkOpen();
        link.deleteTemporaryDestination(name);
    }

    // ---- application server facilities (Jakarta Messaging 3.1, chapter 10): optional, not provided

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkNotQueueConnection("createSharedConnectionConsumer");
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkNotQueueConnection("createDurableConnectionConsumer");
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkNotQueueConnection("createSharedDurableConnectionConsumer");
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** QueueConnection javadoc: the topic-only methods throw IllegalStateException on a QueueConnection. */
    private void checkNotQueueConnection(String method) throws JMSException {
        checkOpen();
        if (domain == SessionDomain.QUEUE) {
            throw new IllegalStateException(method + "() is not allowed on a QueueConnection");
        }
    }

    private JMSException connectionConsumersUnsupported() throws JMSException {
        checkOpen();
        return new JMSException("connection consumers (the optional application server facility) are not "
                + "provided; use the resource adapter for message-driven beans");
    }

    @Override
    public String toString() {
        return "ClientConnection[" + link.connectionId() + (clientId == null ? "" : ", clientId=" + clientId) + "]";
    }
}
