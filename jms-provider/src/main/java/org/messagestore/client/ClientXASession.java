package org.messagestore.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;

/**
 * An XASession (Jakarta Messaging 3.1, XASession javadoc): a session whose transactions a transaction
 * manager controls through its {@link XAResource}.
 *
 * <ul>
 *   <li>Inside a global transaction (between {@code XAResource.start} and {@code end}) its sends and the
 *       messages it consumes belong to the transaction branch; they become visible, or are
 *       acknowledged, only when the branch commits, and a rollback redelivers the consumed messages.</li>
 *   <li>Outside one it behaves as a non-transacted AUTO_ACKNOWLEDGE session: each send takes effect at
 *       once and each message is acknowledged when the application has it. This is the behaviour
 *       Jakarta EE asks of a session used where no JTA transaction is active (Jakarta Messaging 3.1,
 *       12.3 "Behaviour of JMS sessions in the Jakarta EE web or EJB container").</li>
 *   <li>As the XASession javadoc requires, {@link #getTransacted()} returns true and {@link #commit()}
 *       and {@link #rollback()} throw TransactionInProgressException: the transaction manager commits.
 *       {@link #getAcknowledgeMode()} returns SESSION_TRANSACTED to match. {@link #recover()} is only
 *       allowed outside a global transaction (inside one, rolling back is the manager's job).</li>
 * </ul>
 *
 * <p>{@link #getSession()}, {@link #getQueueSession()} and {@link #getTopicSession()} return this
 * session itself. Threads: as {@link ClientSession}; the XAResource is called by the transaction
 * manager, normally on the thread that uses the session.
 */
final class ClientXASession extends ClientSession implements XAQueueSession, XATopicSession {

    private final ClientXAResource resource;
    private volatile boolean inGlobalTransaction;

    ClientXASession(ClientConnection connection, long id, SessionDomain domain, String resourceManager) {
        super(connection, id, AUTO_ACKNOWLEDGE, domain);
        this.resource = new ClientXAResource(this, resourceManager);
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    /** XASession javadoc: "@return true". */
    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return SESSION_TRANSACTED;
    }

    /** XASession javadoc: throws TransactionInProgressException, since it should not be called on an XASession. */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException(
                "commit() must not be called on an XASession: its transaction manager commits through the XAResource");
    }

    /** XASession javadoc: throws TransactionInProgressException, since it should not be called on an XASession. */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException(
                "rollback() must not be called on an XASession: its transaction manager rolls back through the XAResource");
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (inGlobalTransaction) {
            throw new IllegalStateException("recover() is not allowed while the session takes part in an XA transaction");
        }
        link().rollback(id());
    }

    @Override
    boolean inGlobalTransaction() {
        return inGlobalTransaction;
    }

    /** Set by the XAResource when start and end succeed. */
    void globalTransaction(boolean associated) {
        inGlobalTransaction = associated;
    }

    /** Before end(): asynchronous sends of the branch must have reached the broker. */
    void awaitPendingSends() {
        completions().awaitPending();
    }

    @Override
    public String toString() {
        return "ClientXASession[" + id() + (inGlobalTransaction ? ", in a global transaction" : "") + "]";
    }
}
