package org.messagestore.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.messagestore.client.ClientContext.JmsFunction;

/**
 * The one {@link Session} behind a {@link ClientContext}, and what the context makes on it. The
 * session is opened on first need, so that {@code JMSContext.setClientID} still works right after
 * the context was created. Checked {@link JMSException}s become their runtime twins.
 *
 * <p>Threads: the context is used by one thread at a time, but its close may run on another and
 * reads {@link #current()}, so the session and producer are guarded by this object's monitor.
 */
final class ContextSession {

    private final ContextConnection shared;
    private final JmsFunction<Connection, Session> opener;
    private Session session;
    private MessageProducer producer;

    ContextSession(ContextConnection shared, JmsFunction<Connection, Session> opener) {
        this.shared = shared;
        this.opener = opener;
    }

    /** The session, or null while nothing needed one. */
    synchronized Session current() {
        return session;
    }

    /** Runs {@code call} on the session, opening it if needed, converting its checked exceptions. */
    <T> T call(JmsFunction<Session, T> call) {
        try {
            return call.apply(session());
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    /** Creates a consumer, then starts the connection if {@code autoStart} (JMSContext.setAutoStart javadoc). */
    JMSConsumer consumer(JmsFunction<Session, MessageConsumer> create, boolean autoStart) {
        MessageConsumer consumer = call(create);
        if (autoStart) {
            try {
                shared.connection().start();
            } catch (JMSException e) {
                closeQuietlyAfterFailure(consumer, e);
                throw JmsExceptions.toRuntime(e);
            }
        }
        return new ClientJMSConsumer(consumer);
    }

    /**
     * The one producer all of the context's JMSProducers send through. It has no destination of its
     * own (an unidentified producer), so each send names its destination.
     */
    synchronized MessageProducer sharedProducer() throws JMSException {
        if (producer == null) {
            producer = session().createProducer(null);
        }
        return producer;
    }

    private synchronized Session session() throws JMSException {
        if (session == null) {
            session = opener.apply(shared.connection());
        }
        return session;
    }

    private static void closeQuietlyAfterFailure(MessageConsumer consumer, JMSException cause) {
        try {
            consumer.close();
        } catch (JMSException e) {
            cause.addSuppressed(e);
        }
    }
}
