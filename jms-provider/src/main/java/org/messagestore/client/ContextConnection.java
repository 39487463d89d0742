package org.messagestore.client;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection behind one or more {@link ClientContext}s: {@code JMSContext.createContext} makes
 * contexts that share it, and it closes with the last of them ("If there are no other active (not
 * closed) JMSContext objects using the underlying connection then this method also closes the
 * underlying connection", JMSContext.close javadoc, Jakarta Messaging 3.1).
 *
 * <p>It also remembers whether any context has used the connection yet, because a client id may
 * only be set before that (JMSContext.setClientID javadoc). A context creates its session lazily,
 * so the classic connection alone cannot see every earlier use.
 *
 * <p>Thread-safe: contexts on several threads share one instance. No lock is held while the
 * connection or a session closes, since that waits for message listeners that may call back here.
 */
final class ContextConnection {

    private final Connection connection;
    private final AtomicInteger contexts = new AtomicInteger(1);
    private volatile boolean used;

    ContextConnection(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Records that a context did something other than set the client id. */
    void markUsed() {
        used = true;
    }

    boolean used() {
        return used;
    }

    /** Adds a context that shares this connection. */
    void retain() {
        while (true) {
            int current = contexts.get();
            if (current == 0) {
                throw new IllegalStateRuntimeException("the connection of this JMSContext is closed");
            }
            if (contexts.compareAndSet(current, current + 1)) {
                return;
            }
        }
    }

    /**
     * Ends one context: closes its session, or the whole connection when it was the last context.
     * If closing fails (for example because it was called from one of the connection's own message
     * or completion listeners), the context still counts as open.
     */
    void release(Session session) throws JMSException {
        int remaining = contexts.decrementAndGet();
        try {
            if (remaining == 0) {
                connection.close();
            } else if (session != null) {
                session.close();
            }
        } catch (JMSException | RuntimeException e) {
            contexts.incrementAndGet();
            throw e;
        }
    }
}
