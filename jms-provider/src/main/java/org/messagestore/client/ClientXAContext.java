package org.messagestore.client;

import jakarta.jms.JMSContext;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;

/**
 * An XAJMSContext (XAJMSContext javadoc, Jakarta Messaging 3.1): a {@link ClientContext} whose session
 * is a {@link ClientXASession}. Inside a global transaction its work belongs to the transaction
 * branch; outside one it behaves as an AUTO_ACKNOWLEDGE context. {@link #getTransacted()} returns true,
 * {@link #getSessionMode()} SESSION_TRANSACTED, and {@link #commit()} and {@link #rollback()} throw
 * TransactionInProgressRuntimeException, as the XAJMSContext javadoc requires.
 * {@link #getContext()} returns this context.
 */
final class ClientXAContext extends ClientContext implements XAJMSContext {

    ClientXAContext(XAConnection connection) {
        super(connection, AUTO_ACKNOWLEDGE, c -> ((XAConnection) c).createXASession());
    }

    @Override
    public JMSContext getContext() {
        checkOpen();
        return this;
    }

    /** The XAResource of the context's session (created now if the context has none yet). */
    @Override
    public XAResource getXAResource() {
        return onSession(session -> ((XASession) session).getXAResource());
    }

    /** XAJMSContext javadoc: "this method always returns true". */
    @Override
    public boolean getTransacted() {
        checkOpen();
        return true;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return SESSION_TRANSACTED;
    }

    @Override
    public void commit() {
        checkOpen();
        throw new TransactionInProgressRuntimeException(
                "commit() must not be called on an XAJMSContext: its transaction manager commits through the XAResource");
    }

    @Override
    public void rollback() {
        checkOpen();
        throw new TransactionInProgressRuntimeException(
                "rollback() must not be called on an XAJMSContext: its transaction manager rolls back through the XAResource");
    }
}
