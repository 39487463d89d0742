package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * DUPS_OK_ACKNOWLEDGE, and AUTO_ACKNOWLEDGE with {@code lazyAutoAcknowledge=true}, acknowledge in
 * batches without waiting (protocol version 3, {@code LazyAcknowledge}): every message still arrives
 * once, and what was consumed is gone once the session closes. A receiving thread's report that it
 * consumed a message travels with the batch's acknowledgement, not on its own.
 */
class TcpLazyAcknowledgementTest {

    private static final long RECEIVE_MS = 5_000;
    private static final int MESSAGES = 1_000;

    @TempDir
    Path dataDir;

    private TcpBroker server;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startBroker() throws JMSException {
        server = new TcpBroker(dataDir);
    }

    @AfterEach
    void stopAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        server.close();
    }

    private Connection connect(String options) throws JMSException {
        Connection connection = server.factory(options).createConnection();
        open.add(connection);
        connection.start();
        return connection;
    }

    private static void fill(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < MESSAGES; i++) {
            producer.send(session.createTextMessage("m-" + i));
        }
        session.commit();
        session.close();
    }

    private static void drainInOrder(MessageConsumer consumer) throws JMSException {
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("m-" + i);
        }
    }

    private static void assertEmpty(Connection connection, Queue queue) throws JMSException {
        Session check = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(check.createConsumer(queue).receive(200)).isNull();
        check.close();
    }

    @Test
    void aDupsOkDrainReceivesEveryMessageOnceAndLeavesNothingAfterClose() throws Exception {
        assertDupsOkDrainLosesNothing("", "lazy");
    }

    @Test
    void reportsOfConsumedMessagesHeldForTheNextBatchStillReturnPrefetchCredit() throws Exception {
        // Batches of two: every other report waits for the batch; the broker must still refill the buffer.
        assertDupsOkDrainLosesNothing("prefetch=5", "lazy-credit");
    }

    private void assertDupsOkDrainLosesNothing(String options, String queueName) throws Exception {
        Connection connection = connect(options);
        Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(queueName);
        fill(connection, queue);

        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        drainInOrder(session.createConsumer(queue));
        session.close();

        assertEmpty(connection, queue);
    }

    @Test
    void aMessageListenerInDupsOkModeAcknowledgesLazilyToo() throws Exception {
        Connection connection = connect("");
        Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("lazy-listener");
        fill(connection, queue);

        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        CountDownLatch received = new CountDownLatch(MESSAGES);
        session.createConsumer(queue).setMessageListener(message -> received.countDown());
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
        session.close();

        assertEmpty(connection, queue);
    }

    @Test
    void withTheFactoryOptionAutoAcknowledgeIsLazyAndLosesNothing() throws Exception {
        Connection connection = connect(MessageStoreConnectionFactory.LAZY_AUTO_ACKNOWLEDGE + "=true");
        Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("lazy-auto");
        fill(connection, queue);

        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        drainInOrder(consumer);
        // A trickle is acknowledged message by message: the last one went when the buffer ran dry.
        consumer.close();
        session.close();

        assertEmpty(connection, queue);
    }

    @Test
    void recoverRedeliversOnlyWhatWasNotYetAcknowledged() throws Exception {
        Connection connection = connect("prefetch=10");
        Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("lazy-recover");
        fill(connection, queue);

        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 7; i++) {
            consumer.receive(RECEIVE_MS);
        }
        session.recover();

        // Batches of five (half the prefetch): the first five were acknowledged, 6 and 7 come again.
        TextMessage again = (TextMessage) consumer.receive(RECEIVE_MS);
        assertThat(again.getText()).isEqualTo("m-5");
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @Test
    void aBadOptionValueIsRefusedWithItsName() {
        assertThatThrownBy(() -> server.factory(MessageStoreConnectionFactory.LAZY_AUTO_ACKNOWLEDGE + "=yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lazyAutoAcknowledge")
                .hasMessageContaining("true or false");
    }
}
