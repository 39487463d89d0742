package org.messagestore.store.xodus;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The application of the XA crash tests: "receive a request, insert a row keyed by the request's id, send
 * a reply", each under one JTA transaction over the broker (one XA session) and the {@link Ledger}. The
 * database's branch is enlisted first, so Narayana prepares and commits it before the broker's.
 *
 * <p>Threads: the coordinator's main thread; the connection's exception listener only sets a flag and prints.
 */
final class RequestWorkflow implements AutoCloseable {

    static final String REQUESTS = "requests";
    static final String REPLIES = "replies";
    static final String ID = "requestId";
    /** How long a receive waits before the workflow decides that no request is left. */
    private static final long RECEIVE_MS = 2_000;

    private final XAConnection jms;
    private final XASession session;
    private final MessageConsumer requests;
    private final MessageProducer replies;
    private final javax.sql.XAConnection sql;
    private final Connection rows;
    private final PreparedStatement insert;
    private final XAResource brokerResource;
    private final AtomicBoolean brokerLost = new AtomicBoolean();

    /**
     * {@code wrap} decorates the broker's XAResource before it is enlisted (the kill points); a failed
     * connection is reported on {@code out} as {@code CONNECTION_FAILED}.
     */
    RequestWorkflow(String brokerUrl, XADataSource database, UnaryOperator<XAResource> wrap, PrintStream out)
            throws Exception {
        // One message at a time: a killed coordinator leaves no prefetched requests behind.
        jms = new MessageStoreConnectionFactory(brokerUrl + "?prefetch=1").createXAConnection();
        jms.setExceptionListener(e -> {
            brokerLost.set(true);
            out.println("CONNECTION_FAILED " + e.getMessage());
        });
        jms.start();
        session = jms.createXASession();
        requests = session.createConsumer(session.createQueue(REQUESTS));
        replies = session.createProducer(session.createQueue(REPLIES));
        replies.setDeliveryMode(DeliveryMode.PERSISTENT);
        brokerResource = wrap.apply(session.getXAResource());
        sql = database.getXAConnection();
        rows = sql.getConnection();
        insert = rows.prepareStatement(Ledger.INSERT);
    }

    /**
     * Handles one request in one transaction and returns its id, or returns null, with the transaction
     * rolled back, if no request arrived within {@link #RECEIVE_MS}.
     */
    String handleOne(TransactionManager tm) throws Exception {
        tm.begin();
        Transaction transaction = tm.getTransaction();
        transaction.enlistResource(sql.getXAResource());
        transaction.enlistResource(brokerResource);
        Message request = requests.receive(RECEIVE_MS);
        if (request == null) {
            tm.rollback();
            return null;
        }
        String id = request.getStringProperty(ID);
        insert.setString(1, id);
        insert.setString(2, "handled");
        insert.executeUpdate();
        TextMessage reply = session.createTextMessage("reply to " + id);
        reply.setStringProperty(ID, id);
        replies.send(reply);
        tm.commit();
        return id;
    }

    /** True once the connection's exception listener reported that the connection to the broker failed. */
    boolean connectionFailed() {
        return brokerLost.get();
    }

    /**
     * True if the broker answers a round trip now: tells "no request within the wait" from "the connection
     * died while the receive waited", which the listener may report a little later.
     */
    boolean brokerAnswers() {
        if (brokerLost.get()) {
            return false;
        }
        try {
            session.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return true;
        } catch (XAException e) {
            return false;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.close();
            rows.close();
            sql.close();
        } finally {
            try {
                jms.close();
            } catch (JMSException e) {
                // The broker may be gone: its side of the connection is already closed.
            }
        }
    }
}
