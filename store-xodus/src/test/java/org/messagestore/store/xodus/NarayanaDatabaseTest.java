package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * "Receive a message, update a database, send a message" under Narayana (DESIGN.md, "Who uses it"): the
 * broker on a Xodus store in a temporary directory, reached over TCP on 127.0.0.1, is one XA resource
 * manager; an H2 XADataSource in file mode is the other. Narayana runs standalone in this JVM with its
 * object store in a temporary directory. Each test observes the protocol Narayana ran through
 * {@link RecordingXAResource} wrappers, and the outcome as a user would: through a plain consumer and SQL.
 */
class NarayanaDatabaseTest {

    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    static Path objectStore;

    @TempDir
    Path dir;

    private XodusMessageStore store;
    private Broker broker;
    private TcpAcceptor acceptor;
    private Ledger ledger;
    private XAConnection jms;
    private javax.sql.XAConnection sql;
    private Connection plain;
    private TransactionManager tm;

    @BeforeAll
    static void configureNarayana() {
        NarayanaSetup.configure(objectStore);
    }

    /** The reaper's threads are Narayana's; nothing else in this module's test JVM uses Narayana. */
    @AfterAll
    static void stopReaper() {
        TransactionReaper.terminate(false);
    }

    @BeforeEach
    void start() throws Exception {
        store = XodusMessageStore.open(dir.resolve("data"));
        broker = Broker.start(BrokerConfig.defaults("narayana-db-" + UUID.randomUUID()).withStore(store));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
        MessageStoreConnectionFactory factory = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
        ledger = new Ledger(dir.resolve("ledger"));
        ledger.createTable();
        sql = ledger.xaDataSource().getXAConnection();
        jms = factory.createXAConnection();
        jms.start();
        plain = factory.createConnection();
        plain.start();
        Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message request = session.createTextMessage("request");
        request.setStringProperty("requestId", "r-1");
        session.createProducer(session.createQueue("requests")).send(request);
        session.close();
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @AfterEach
    void stop() throws Exception {
        tm.setTransactionTimeout(0);
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
        plain.close();
        jms.close();
        sql.close();
        acceptor.close();
        broker.close();
        store.close();
    }

    /** The work of one transaction: the request received in our branch, a row in H2's, a reply in ours. */
    private String receiveInsertAndReply(XASession session) throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("requests"));
        Message request = consumer.receive(RECEIVE_MS);
        assertThat(request).as("the request, inside the transaction").isNotNull();
        String id = request.getStringProperty("requestId");
        try (PreparedStatement insert = sql.getConnection().prepareStatement(Ledger.INSERT)) {
            insert.setString(1, id);
            insert.setString(2, "handled");
            insert.executeUpdate();
        }
        TextMessage reply = session.createTextMessage("reply to " + id);
        reply.setStringProperty("requestId", id);
        session.createProducer(session.createQueue("replies")).send(reply);
        consumer.close(); // so it holds no prefetched message once the transaction is over
        return id;
    }

    private Message receivePlain(String queue, long millis) throws Exception {
        Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(millis);
        } finally {
            session.close();
        }
    }

    private void assertRequestRedeliveredNoRowNoReply() throws Exception {
        Message again = receivePlain("requests", RECEIVE_MS);
        assertThat(again).as("the request is back on its queue").isNotNull();
        assertThat(again.getStringProperty("requestId")).isEqualTo("r-1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(receivePlain("replies", ABSENT_MS)).as("no reply").isNull();
        assertThat(ledger.requestIds()).as("no row").isEmpty();
    }

    @Test
    void aCommittedTransactionConsumesTheRequestInsertsTheRowAndSendsTheReply() throws Exception {
        XASession session = jms.createXASession();
        var ours = new RecordingXAResource(session.getXAResource());
        var database = new RecordingXAResource(sql.getXAResource());
        tm.begin();
        tm.getTransaction().enlistResource(database);
        tm.getTransaction().enlistResource(ours);
        String id = receiveInsertAndReply(session);
        tm.commit();

        assertThat(ours.calls).containsExactly("start", "end", "prepare", "commit");
        assertThat(ours.prepareResults).containsExactly(XAResource.XA_OK);
        assertThat(database.calls).containsExactly("start", "end", "prepare", "commit");
        Message reply = receivePlain("replies", RECEIVE_MS);
        assertThat(((TextMessage) reply).getText()).isEqualTo("reply to r-1");
        assertThat(receivePlain("requests", ABSENT_MS)).as("the request is consumed").isNull();
        assertThat(ledger.requestIds()).containsExactly(id);
        assertThat(ledger.inDoubt()).isZero();
        try (var xa = jms.createXASession()) {
            assertThat(xa.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        }
    }

    @Test
    void aRollbackOnlyTransactionRedeliversTheRequestWithNoRowAndNoReply() throws Exception {
        XASession session = jms.createXASession();
        var ours = new RecordingXAResource(session.getXAResource());
        var database = new RecordingXAResource(sql.getXAResource());
        tm.begin();
        tm.getTransaction().enlistResource(database);
        tm.getTransaction().enlistResource(ours);
        receiveInsertAndReply(session);
        tm.setRollbackOnly();
        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);

        // JTA: a transaction marked rollback-only ends its branches with TMFAIL, then rolls them back.
        assertThat(ours.calls).containsExactly("start", "end-fail", "rollback");
        assertThat(database.calls).containsExactly("start", "end-fail", "rollback");
        assertRequestRedeliveredNoRowNoReply();
    }

    @Test
    void aTransactionWithOnlyTheBrokerEnlistedCommitsInOnePhase() throws Exception {
        XASession session = jms.createXASession();
        var ours = new RecordingXAResource(session.getXAResource());
        tm.begin();
        tm.getTransaction().enlistResource(ours);
        MessageConsumer consumer = session.createConsumer(session.createQueue("requests"));
        Message request = consumer.receive(RECEIVE_MS);
        session.createProducer(session.createQueue("replies"))
                .send(session.createTextMessage("reply to " + request.getStringProperty("requestId")));
        consumer.close();
        tm.commit();

        assertThat(ours.calls).containsExactly("start", "end", "commit-one-phase");
        assertThat(((TextMessage) receivePlain("replies", RECEIVE_MS)).getText()).isEqualTo("reply to r-1");
        assertThat(receivePlain("requests", ABSENT_MS)).as("the request is consumed").isNull();
    }

    @Test
    void aBranchThatDidNothingPreparesReadOnlyAndTheOtherBranchStillCommits() throws Exception {
        XASession session = jms.createXASession();
        var ours = new RecordingXAResource(session.getXAResource());
        var database = new RecordingXAResource(sql.getXAResource());
        tm.begin();
        tm.getTransaction().enlistResource(database);
        tm.getTransaction().enlistResource(ours);
        try (PreparedStatement insert = sql.getConnection().prepareStatement(Ledger.INSERT)) {
            insert.setString(1, "no-message");
            insert.setString(2, "only the database worked");
            insert.executeUpdate();
        }
        tm.commit();

        assertThat(ours.prepareResults).as("XA: a branch with no work votes read-only").containsExactly(XAResource.XA_RDONLY);
        assertThat(ours.calls).as("a read-only branch is not asked to commit").containsExactly("start", "end", "prepare");
        assertThat(database.calls).containsExactly("start", "end", "prepare", "commit");
        assertThat(ledger.requestIds()).containsExactly("no-message");
        Message request = receivePlain("requests", RECEIVE_MS);
        assertThat(request.getStringProperty("requestId")).isEqualTo("r-1");
        assertThat(request.getJMSRedelivered()).as("never delivered before").isFalse();
        assertThat(receivePlain("replies", ABSENT_MS)).isNull();
    }

    @Test
    void aTransactionThatOutlivesItsTimeoutIsRolledBackByTheReaperAndCannotCommit() throws Exception {
        XASession session = jms.createXASession();
        var ours = new RecordingXAResource(session.getXAResource());
        var database = new RecordingXAResource(sql.getXAResource());
        tm.setTransactionTimeout(1);
        tm.begin();
        Transaction transaction = tm.getTransaction();
        transaction.enlistResource(database);
        transaction.enlistResource(ours);
        receiveInsertAndReply(session);

        await().atMost(Duration.ofSeconds(30)).until(transaction::getStatus, status -> status == Status.STATUS_ROLLEDBACK);
        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);

        assertThat(ours.calls).contains("rollback").doesNotContain("prepare", "commit");
        assertThat(database.calls).contains("rollback").doesNotContain("prepare", "commit");
        assertRequestRedeliveredNoRowNoReply();
    }
}
