package org.messagestore.ra.outbound;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The Connection an application holds: a handle on a pooled {@link MessageStoreManagedConnection}.
 * Closing it gives the physical connection back to the pool. It applies the container's rules
 * (Jakarta Messaging 3.1, 12.2 and 12.3): one session at a time, and no client id, exception
 * listener, stop or connection consumers.
 *
 * <p>Threads: as a Connection, any thread; the server may move the handle to another pooled
 * connection ({@link #reassign}) between uses.
 */
public final class ConnectionHandle implements QueueConnection, TopicConnection {

    private volatile MessageStoreManagedConnection owner;
    private SessionHandle session;
    private volatile boolean closed;

    ConnectionHandle(MessageStoreManagedConnection owner) {
        this.owner = owner;
    }

    MessageStoreManagedConnection owner() {
        return owner;
    }

    void reassign(MessageStoreManagedConnection newOwner) {
        this.owner = newOwner;
    }

    // ---- sessions: one at a time, joined to the transaction there is

    /**
     * In a transaction both arguments are ignored and the session takes part in it; outside one,
     * {@code transacted = true} gives an AUTO_ACKNOWLEDGE session, as Jakarta Messaging 3.1 (12.3)
     * recommends, and the other modes are as asked.
     */
    @Override
    public synchronized Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        if (session != null && !session.isClosed()) {
            throw new IllegalStateException("this connection already has an open session: in a Jakarta EE web or EJB "
                    + "container a connection may have only one (Jakarta Messaging 3.1, 12.2)");
        }
        if (!transacted && acknowledgeMode != Session.AUTO_ACKNOWLEDGE && acknowledgeMode != Session.CLIENT_ACKNOWLEDGE
                && acknowledgeMode != Session.DUPS_OK_ACKNOWLEDGE && acknowledgeMode != Session.SESSION_TRANSACTED) {
            throw new JMSException("invalid acknowledge mode " + acknowledgeMode);
        }
        MessageStoreManagedConnection connection = owner;
        session = new SessionHandle(connection, connection.sessionFor(transacted, acknowledgeMode));
        return session;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    // ---- what the physical connection answers

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return owner.physical().getClientID();
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return owner.physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return null; // the pool listens for failures; applications cannot set one here
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        owner.physical().start();
    }

    // ---- forbidden in the container (12.2)

    @Override
    public void setClientID(String clientID) throws JMSException {
        checkOpen();
        throw ContainerRules.forbidden("Connection.setClientID");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        throw ContainerRules.forbidden("Connection.setExceptionListener");
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        throw ContainerRules.forbidden("Connection.stop");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                             ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    private JMSException connectionConsumers() throws JMSException {
        checkOpen();
        return ContainerRules.forbidden("Connection.createConnectionConsumer");
    }

    // ---- closing

    /** Closes the session, then hands the physical connection back to the pool. Closing twice does nothing. */
    @Override
    public void close() throws JMSException {
        SessionHandle open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = session;
            session = null;
        }
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            owner.handleClosed(this);
        }
    }

    /** The pool reclaims the connection: this handle and its session stop working. */
    void invalidate() {
        SessionHandle open;
        synchronized (this) {
            closed = true;
            open = session;
            session = null;
        }
        if (open != null) {
            open.closeQuietly();
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("this connection is closed");
        }
    }

    @Override
    public String toString() {
        return "ConnectionHandle[" + owner + (closed ? ", closed" : "") + "]";
    }
}
