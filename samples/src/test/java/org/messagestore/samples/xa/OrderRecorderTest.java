package org.messagestore.samples.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The README's XA sample, run for real: Narayana standalone over a broker on the Xodus store and an H2
 * database in files. Every order is recorded exactly once; a failing insert rolls the whole
 * transaction back; and the recovery wiring ({@link StandaloneNarayana}, Narayana's
 * JmsXAResourceRecoveryHelper, {@link DatabaseRecoveryHelper}) completes a branch whose phase two did
 * not reach the broker.
 */
class OrderRecorderTest {

    @TempDir
    static Path narayanaDir;
    private static TransactionManager transactions;

    @TempDir
    Path dir;
    private Broker broker;
    private MessageStoreConnectionFactory factory;
    private JdbcDataSource database;
    private RecoveryManager recovery;

    @BeforeAll
    static void configureNarayana() {
        transactions = StandaloneNarayana.configure(narayanaDir, "sample-test");
        // A recovery scan waits this long between its two passes (10 s by default).
        BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class).setRecoveryBackoffPeriod(1);
    }

    @AfterAll
    static void stopNarayana() {
        com.arjuna.ats.arjuna.coordinator.TransactionReaper.terminate(false);
    }

    @BeforeEach
    void start() throws Exception {
        String name = "xa-sample-" + UUID.randomUUID();
        broker = Broker.start(BrokerConfig.defaults(name).withDataDir(dir.resolve("broker"))
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(2)));
        factory = new MessageStoreConnectionFactory("vm://" + name + "?create=false");
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath());
        OrderRecorder.createTable(database);
    }

    @AfterEach
    void stop() {
        if (recovery != null) {
            recovery.terminate();
        }
        broker.close();
    }

    @Test
    void everyOrderIsRecordedAndConfirmedExactlyOnce() throws Exception {
        List<String> sent = sendOrders(20);

        int recorded = 0;
        try (OrderRecorder recorder = new OrderRecorder(transactions, factory, database)) {
            while (recorder.recordNext(Duration.ofMillis(500))) {
                recorded++;
            }
        }

        assertThat(recorded).isEqualTo(20);
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(drain(OrderRecorder.CONFIRMATIONS)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(drain(OrderRecorder.ORDERS)).isEmpty();
        assertThat(broker.preparedBranches().list()).isEmpty();
    }

    @Test
    void aFailingInsertRollsBackTheOrderAndItsConfirmation() throws Exception {
        String duplicate = sendOrders(1).get(0);
        insertOutsideTheWorkflow(duplicate);
        String fine = sendOrders(1).get(0);

        int failures = 0;
        try (OrderRecorder recorder = new OrderRecorder(transactions, factory, database)) {
            boolean more = true;
            while (more) {
                try {
                    more = recorder.recordNext(Duration.ofMillis(500));
                } catch (SQLException e) {
                    failures++;
                }
            }
        }

        assertThat(failures).as("the duplicate, delivered twice before the dead-letter queue").isEqualTo(2);
        assertThat(rows()).containsExactlyInAnyOrder(duplicate, fine);
        assertThat(drain(OrderRecorder.CONFIRMATIONS)).containsExactly(fine);
        assertThat(drain(RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE)).containsExactly(duplicate);
    }

    @Test
    void recoveryCommitsABranchWhosePhaseTwoNeverReachedTheBroker() throws Exception {
        String order = sendOrders(1).get(0);
        recovery = StandaloneNarayana.startRecovery(false, new JmsXAResourceRecoveryHelper(factory),
                new DatabaseRecoveryHelper(database));
        try (XAConnection connection = factory.createXAConnection()) {
            XASession session = connection.createXASession();
            MessageConsumer orders = session.createConsumer(session.createQueue(OrderRecorder.ORDERS));
            MessageProducer confirmations = session.createProducer(session.createQueue(OrderRecorder.CONFIRMATIONS));
            connection.start();
            javax.sql.XAConnection sql = database.getXAConnection();
            try (java.sql.Connection jdbc = sql.getConnection(); Statement insert = jdbc.createStatement()) {
                transactions.begin();
                Transaction transaction = transactions.getTransaction();
                // The broker becomes unreachable after Narayana logged its decision, before it commits there.
                transaction.enlistResource(new UnreachableInPhaseTwo(session.getXAResource()));
                transaction.enlistResource(sql.getXAResource());
                Message received = orders.receive(5_000);
                insert.executeUpdate("INSERT INTO orders(order_id, body) VALUES ('" + received.getStringProperty(OrderRecorder.ORDER_ID)
                        + "', 'x')");
                Message confirmation = session.createTextMessage("recorded");
                confirmation.setStringProperty(OrderRecorder.ORDER_ID, order);
                confirmations.send(confirmation);
                try {
                    transactions.commit();
                } catch (Exception reported) {
                    // Narayana may report the unfinished phase two; its log holds the decision either way
                }
            } finally {
                sql.close();
            }
        }
        assertThat(broker.preparedBranches().list()).as("prepared, in doubt at the broker").hasSize(1);
        assertThat(rows()).containsExactly(order);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            recovery.scan();
            return broker.preparedBranches().list().isEmpty();
        });

        assertThat(drain(OrderRecorder.CONFIRMATIONS)).containsExactly(order);
        assertThat(drain(OrderRecorder.ORDERS)).isEmpty();
        assertThat(rows()).containsExactly(order);
    }

    /** Our XAResource, except that its phase-two commit fails as if the broker could not be reached. */
    private record UnreachableInPhaseTwo(XAResource delegate) implements XAResource {
        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            XAException unreachable = new XAException("the broker cannot be reached (simulated)");
            unreachable.errorCode = XAException.XAER_RMFAIL;
            throw unreachable;
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            delegate.end(xid, flags);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            delegate.forget(xid);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return delegate.getTransactionTimeout();
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            return delegate.prepare(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return delegate.recover(flag);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            delegate.rollback(xid);
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return delegate.setTransactionTimeout(seconds);
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            delegate.start(xid, flags);
        }
    }

    // ---- helpers

    private List<String> sendOrders(int count) throws JMSException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(OrderRecorder.ORDERS));
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                TextMessage order = session.createTextMessage("order " + id);
                order.setStringProperty(OrderRecorder.ORDER_ID, id);
                producer.send(order);
                ids.add(id);
            }
        }
        return ids;
    }

    private List<String> drain(String queue) throws JMSException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            for (Message m = consumer.receive(300); m != null; m = consumer.receive(300)) {
                ids.add(m.getStringProperty(OrderRecorder.ORDER_ID));
            }
        }
        return ids;
    }

    private List<String> rows() throws SQLException {
        List<String> ids = new ArrayList<>();
        javax.sql.XAConnection connection = database.getXAConnection();
        try (java.sql.Connection sql = connection.getConnection(); Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id FROM orders")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } finally {
            connection.close();
        }
        return ids;
    }

    private void insertOutsideTheWorkflow(String id) throws SQLException {
        javax.sql.XAConnection connection = database.getXAConnection();
        try (java.sql.Connection sql = connection.getConnection(); Statement statement = sql.createStatement()) {
            statement.executeUpdate("INSERT INTO orders(order_id, body) VALUES ('" + id + "', 'recorded earlier')");
        } finally {
            connection.close();
        }
    }
}
