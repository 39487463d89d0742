package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.MemoryLimitPolicy;
import org.messagestore.client.destination.ClientQueue;

/**
 * Sends in a transaction or XA branch and non-persistent sends go over TCP without waiting for the
 * broker's answer (protocol version 3, {@code PipelinedSend}); a failure still reaches the
 * application: at commit, at prepare, or on the ExceptionListener.
 */
class TcpPipelinedSendTest {

    private static final long RECEIVE_MS = 5_000;
    /** Each small test message is estimated at about 260 bytes: ten fill this memory limit. */
    private static final long MEMORY_LIMIT = 10 * 256;

    @TempDir
    Path dataDir;

    private TcpBroker server;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Connection connect() throws JMSException {
        if (server == null) {
            server = new TcpBroker(dataDir);
        }
        Connection connection = server.factory().createConnection();
        open.add(connection);
        connection.start();
        return connection;
    }

    /** A broker whose memory is full after ten non-persistent messages, refusing more (policy FAIL). */
    private Connection connectToFullBroker(Queue queue) throws JMSException {
        server = new TcpBroker(dataDir, TcpOptions.defaults(), config -> config.withMemoryLimit(MEMORY_LIMIT)
                .withMemoryLimitPolicy(MemoryLimitPolicy.FAIL, Duration.ofSeconds(5)));
        Connection connection = connect();
        Session filler = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = filler.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < 10; i++) {
            producer.send(filler.createTextMessage("fill-" + i));
        }
        filler.close();
        return connection;
    }

    @Test
    void aTransactionOfManyPipelinedSendsCommitsThemAllInOrder() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("pipelined");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 2_000; i++) {
            producer.send(session.createTextMessage("m-" + i));
        }
        session.commit();

        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 2_000; i++) {
            assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("m-" + i);
        }
        session.commit();
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void aFailedSendMakesTheCommitRollBackTheWholeTransaction() throws Exception {
        Queue queue = new ClientQueue("orders");
        Connection connection = connectToFullBroker(queue);
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("persistent, stored"));
        producer.send(session.createTextMessage("non-persistent, refused"), DeliveryMode.NON_PERSISTENT, 4, 0);
        producer.send(session.createTextMessage("after the failure"));

        assertThatThrownBy(session::commit)
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("a message sent in it failed")
                .hasMessageContaining("memory limit");

        // Nothing of the transaction arrived; the session goes on with a fresh one.
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 10; i++) {
            assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("fill-" + i);
        }
        assertThat(consumer.receiveNoWait()).isNull();
        session.commit();
        producer.send(session.createTextMessage("next transaction"));
        session.commit();
        assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("next transaction");
        session.commit();
    }

    @Test
    void aRollbackForgetsAFailedSendAndTheNextTransactionCommits() throws Exception {
        Queue queue = new ClientQueue("orders");
        Connection connection = connectToFullBroker(queue);
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("refused"), DeliveryMode.NON_PERSISTENT, 4, 0);
        session.rollback();

        producer.send(session.createTextMessage("kept"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue, "JMSDeliveryMode = 'PERSISTENT'");
        assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("kept");
        session.commit();
    }

    @Test
    void aFailedNonPersistentSendReachesTheExceptionListener() throws Exception {
        Queue queue = new ClientQueue("events");
        Connection connection = connectToFullBroker(queue);
        AtomicReference<JMSException> heard = new AtomicReference<>();
        connection.setExceptionListener(heard::set);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);

        producer.send(session.createTextMessage("refused")); // returns: nobody waits for a non-persistent send

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() != null);
        assertThat(heard.get()).isInstanceOf(ResourceAllocationException.class).hasMessageContaining("memory limit");
        // The connection stays usable.
        producer.send(session.createTextMessage("persistent"), DeliveryMode.PERSISTENT, 4, 0);
    }

    @Test
    void aMessageTooLargeForTheBrokerFailsAtSendAndTheTransactionGoesOn() throws Exception {
        server = new TcpBroker(dataDir, TcpOptions.defaults().withMaxFrameBytes(64 * 1024), config -> config);
        Connection connection = connect();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("sized");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("small"));

        var tooLarge = session.createBytesMessage();
        tooLarge.writeBytes(new byte[128 * 1024]);
        assertThatThrownBy(() -> producer.send(tooLarge))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("larger than the peer accepts");

        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        Message received = consumer.receive(RECEIVE_MS);
        assertThat(((TextMessage) received).getText()).isEqualTo("small");
        assertThat(consumer.receiveNoWait()).isNull();
        session.commit();
    }

    @Test
    void aFailedSendInAnXaBranchMakesItsPrepareRollBack() throws Exception {
        Queue queue = new ClientQueue("orders");
        connectToFullBroker(queue);
        XAConnection connection = server.factory().createXAConnection();
        open.add(connection);
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid xid = new BranchId(7, new byte[] {1}, new byte[] {2});

        resource.start(xid, XAResource.TMNOFLAGS);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("persistent"));
        producer.send(session.createTextMessage("refused"), DeliveryMode.NON_PERSISTENT, 4, 0);
        resource.end(xid, XAResource.TMSUCCESS);

        assertThatThrownBy(() -> resource.prepare(xid))
                .isInstanceOfSatisfying(XAException.class,
                        e -> assertThat(e.errorCode).isEqualTo(XAException.XA_RBROLLBACK));
        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
    }

    private record BranchId(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }
}
