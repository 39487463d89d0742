package org.messagestore.samples.xa;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.XADataSource;

/**
 * The exactly-once workflow: take an order from the queue {@value #ORDERS}, insert it into the table
 * {@code orders}, send a confirmation to {@value #CONFIRMATIONS}, all in one XA transaction that
 * Narayana coordinates over the broker and the database. Either all three happen or none does, across
 * crashes of this process, the broker or the database, once recovery has run
 * ({@link StandaloneNarayana}).
 *
 * <p>Every order carries its id in the string property {@value #ORDER_ID}; the table's primary key
 * is that id, so an order recorded twice would fail instead of hiding.
 *
 * <p>Threads: one recorder per thread (a JMS session and a JDBC connection are single-threaded).
 */
public final class OrderRecorder implements AutoCloseable {

    public static final String ORDERS = "orders";
    public static final String CONFIRMATIONS = "confirmations";
    public static final String ORDER_ID = "orderId";

    private final TransactionManager transactions;
    private final XAConnection broker;
    private final XASession session;
    private final MessageConsumer orders;
    private final MessageProducer confirmations;
    private final javax.sql.XAConnection database;
    private final Connection sql;
    private final PreparedStatement insert;

    public OrderRecorder(TransactionManager transactions, XAConnectionFactory brokerFactory, XADataSource databaseSource)
            throws JMSException, SQLException {
        this.transactions = transactions;
        this.broker = brokerFactory.createXAConnection();
        this.session = broker.createXASession();
        this.orders = session.createConsumer(session.createQueue(ORDERS));
        this.confirmations = session.createProducer(session.createQueue(CONFIRMATIONS));
        this.database = databaseSource.getXAConnection();
        this.sql = database.getConnection();
        this.insert = sql.prepareStatement("INSERT INTO orders(order_id, body) VALUES (?, ?)");
        broker.start();
    }

    /** Creates the table once, outside any XA transaction. */
    public static void createTable(XADataSource databaseSource) throws SQLException {
        javax.sql.XAConnection connection = databaseSource.getXAConnection();
        try (Connection sql = connection.getConnection(); Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders(order_id VARCHAR(64) PRIMARY KEY, body VARCHAR(4000))");
        } finally {
            connection.close();
        }
    }

    /**
     * Records the next order exactly once. Returns false when none arrived within {@code wait}. If
     * anything fails, the transaction rolls back: the order goes back to the queue (redelivered, and
     * after the broker's delivery limit moved to its dead-letter queue), no row, no confirmation.
     */
    public boolean recordNext(Duration wait) throws Exception {
        transactions.begin();
        try {
            Transaction transaction = transactions.getTransaction();
            transaction.enlistResource(session.getXAResource());
            transaction.enlistResource(database.getXAResource());

            Message order = orders.receive(wait.toMillis());
            if (order == null) {
                transactions.rollback();
                return false;
            }
            String id = order.getStringProperty(ORDER_ID);
            insert.setString(1, id);
            insert.setString(2, ((TextMessage) order).getText());
            insert.executeUpdate();
            TextMessage confirmation = session.createTextMessage("recorded order " + id);
            confirmation.setStringProperty(ORDER_ID, id);
            confirmations.send(confirmation);

            transactions.commit(); // prepare on both, Narayana logs its decision, commit on both
            return true;
        } catch (Exception e) {
            rollBackIfActive();
            throw e;
        }
    }

    private void rollBackIfActive() throws SystemException {
        if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transactions.rollback();
        }
    }

    @Override
    public void close() throws JMSException, SQLException {
        try {
            insert.close();
            sql.close();
            database.close();
        } finally {
            broker.close();
        }
    }
}
