package org.messagestore.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simplified API's {@link JMSContext}, built on the classic API: a {@link Connection} (shared
 * with the contexts made by {@link #createContext(int)}) plus one {@link Session}, created on first
 * need so that {@link #setClientID} still works right after the context was created. Checked
 * {@link JMSException}s from the classic objects are rethrown as their runtime twins.
 *
 * <p>Threading follows the spec: like a session, a context is used by one thread at a time;
 * only {@link #close()} may be called concurrently.
 */
public class ClientContext implements JMSContext {

    private final ContextConnection shared;
    private final ContextSession session;
    private final int sessionMode;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean autoStart = true;

    /** A context owning {@code connection}; closing the last context sharing it closes it. */
    public ClientContext(Connection connection, int sessionMode) {
        this(new ContextConnection(connection), sessionMode);
    }

    private ClientContext(ContextConnection shared, int sessionMode) {
        this(shared, sessionMode, connection -> connection.createSession(sessionMode));
    }

    /** A context whose session {@code sessionOpener} makes (the XASession of an {@link ClientXAContext}). */
    ClientContext(Connection connection, int sessionMode, JmsFunction<Connection, Session> sessionOpener) {
        this(new ContextConnection(connection), sessionMode, sessionOpener);
    }

    private ClientContext(ContextConnection shared, int sessionMode, JmsFunction<Connection, Session> sessionOpener) {
        checkSessionMode(sessionMode);
        this.shared = shared;
        this.session = new ContextSession(shared, sessionOpener);
        this.sessionMode = sessionMode;
    }

    /** Rejects anything but the four session modes a JMSContext accepts. */
    public static void checkSessionMode(int sessionMode) {
        switch (sessionMode) {
            case AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, SESSION_TRANSACTED -> {
            }
            default -> throw new JMSRuntimeException("invalid session mode " + sessionMode
                    + "; expected JMSContext.AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2), "
                    + "DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)");
        }
    }

    // ---- connection-level methods ----

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        checkSessionMode(sessionMode);
        shared.retain();
        return new ClientContext(shared, sessionMode);
    }

    @Override
    public String getClientID() {
        return onConnection(Connection::getClientID);
    }

    /**
     * Sets the connection's client id. Only allowed before the context (or another context on the
     * same connection) did anything else (JMSContext.setClientID javadoc).
     */
    @Override
    public void setClientID(String clientID) {
        checkNotClosed();
        if (shared.used()) {
            throw new IllegalStateRuntimeException(
                    "the client id can only be set right after the JMSContext was created, before any other use of it");
        }
        try {
            shared.connection().setClientID(clientID);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
        shared.markUsed();
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return onConnection(Connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return onConnection(Connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        onConnection(c -> {
            c.setExceptionListener(listener);
            return null;
        });
    }

    @Override
    public void start() {
        onConnection(c -> {
            c.start();
            return null;
        });
    }

    @Override
    public void stop() {
        onConnection(c -> {
            c.stop();
            return null;
        });
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the session, and the connection too when no other context shares it. Closing from this
     * context's own MessageListener or CompletionListener fails with IllegalStateRuntimeException, as
     * the classic close does (JMSContext.close javadoc); the context then stays open.
     */
    @Override
    public void close() {
        if (closed || !closing.compareAndSet(false, true)) {
            return;
        }
        try {
            shared.release(session.current());
            closed = true;
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        } finally {
            closing.set(closed);
        }
    }

    // ---- session-level methods ----

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return new ClientJMSProducer(this);
    }

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        requireTransacted("commit");
        onSession(s -> {
            s.commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        requireTransacted("rollback");
        onSession(s -> {
            s.rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        checkOpen();
        if (sessionMode == SESSION_TRANSACTED) {
            throw new IllegalStateRuntimeException("recover is not allowed on a transacted JMSContext; use rollback");
        }
        onSession(s -> {
            s.recover();
            return null;
        });
    }

    /**
     * Acknowledges every message the session consumed. Only CLIENT_ACKNOWLEDGE contexts have anything
     * to acknowledge; in the other modes this does nothing (JMSContext.acknowledge javadoc).
     */
    @Override
    public void acknowledge() {
        checkOpen();
        if (sessionMode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        Session current = session.current();
        if (current == null) {
            return; // no session yet, so nothing consumed
        }
        if (!(ClassicWrapper.unwrap(current) instanceof ClientSession clientSession)) {
            throw new JMSRuntimeException("acknowledge() needs a MessageStore session, but the connection of this"
                    + " JMSContext created a " + current.getClass().getName());
        }
        try {
            clientSession.acknowledgeAll();
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(s -> s.createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(s -> s.createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(s -> s.createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(s -> s.createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(s -> s.createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(s -> s.createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(s -> s.createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(s -> s.createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(s -> s.createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return onSession(s -> s.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return onSession(s -> s.createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        return onSession(s -> s.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return onSession(s -> s.createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return onSession(Session::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return onSession(Session::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        onSession(s -> {
            s.unsubscribe(name);
            return null;
        });
    }

    // ---- messages ----

    @Override
    public BytesMessage createBytesMessage() {
        return onSession(Session::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return onSession(Session::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return onSession(Session::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return onSession(Session::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return onSession(s -> s.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return onSession(Session::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return onSession(Session::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return onSession(s -> s.createTextMessage(text));
    }

    // ---- support for ClientJMSProducer ----

    /** Runs {@code call} on the session, converting its checked exceptions. */
    <T> T onSession(JmsFunction<Session, T> call) {
        checkOpen();
        return session.call(call);
    }

    /** The one unidentified producer all of this context's JMSProducers send through. */
    MessageProducer sharedProducer() throws JMSException {
        return session.sharedProducer();
    }

    void checkOpen() {
        checkNotClosed();
        shared.markUsed();
    }

    // ---- internals ----

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateRuntimeException("this JMSContext is closed");
        }
    }

    private <T> T onConnection(JmsFunction<Connection, T> call) {
        checkOpen();
        try {
            return call.apply(shared.connection());
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    private JMSConsumer consumer(JmsFunction<Session, MessageConsumer> create) {
        checkOpen();
        return session.consumer(create, autoStart);
    }

    private void requireTransacted(String operation) {
        checkOpen();
        if (sessionMode != SESSION_TRANSACTED) {
            throw new IllegalStateRuntimeException(operation + " is only allowed on a JMSContext created with SESSION_TRANSACTED");
        }
    }

    /** A classic-API call that may throw a checked {@link JMSException}. */
    @FunctionalInterface
    interface JmsFunction<A, R> {
        R apply(A argument) throws JMSException;
    }
}
