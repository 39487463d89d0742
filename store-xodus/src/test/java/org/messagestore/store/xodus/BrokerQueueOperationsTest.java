package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Operator actions ({@link org.messagestore.broker.QueueOperations}) on a backlog that lives in the
 * Xodus store: after a restart only one page is in memory, and delayed messages wait in the store's
 * delivery-time index, so the operations must find them there.
 */
class BrokerQueueOperationsTest {

    private static final int WINDOW = 100;
    private static final int BACKLOG = 2_000;
    private static final int DELAYED = 50;

    @TempDir
    Path dir;

    @Test
    void purgeAndMoveReachTheStoredBacklogAndTheDelayedMessagesAndLastAcrossARestart() throws Exception {
        String name = "operations-" + UUID.randomUUID();
        try (XodusMessageStore xodus = StoreTesting.open(dir)) {
            BrokerConfig config = BrokerConfig.defaults(name).withStore(xodus).withPagingWindow(WINDOW)
                    .withQueues("orders", "archive");
            try (Broker broker = Broker.start(config)) {
                send(name);
            }
            try (Broker broker = Broker.start(config)) {
                long purged = broker.queueOperations().purge("orders", null, "n >= 1000", null);
                assertThat(purged).isEqualTo(BACKLOG - 1_000 + DELAYED);

                long moved = broker.queueOperations().move("orders", null, null, "archive", null);
                assertThat(moved).isEqualTo(1_000);
                assertThat(broker.statistics("orders", null).orElseThrow().depth()).isZero();
                assertThat(broker.statistics("archive", null).orElseThrow().depth()).isEqualTo(1_000);
            }
            try (Broker broker = Broker.start(config)) {
                assertThat(broker.statistics("orders", null).orElseThrow().depth()).isZero();
                List<String> archived = receive(name, "archive", 1_000);
                for (int i = 0; i < 1_000; i++) {
                    assertThat(archived.get(i)).isEqualTo("m-" + i);
                }
                assertThat(receive(name, "orders", 0)).isEmpty();
            }
            assertThat(xodus.storedMessageCount()).isZero();
        }
    }

    /** The backlog (property n = its index), then delayed messages with n above it. */
    private static void send(String broker) throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < BACKLOG; i++) {
                Message message = session.createTextMessage("m-" + i);
                message.setIntProperty("n", i);
                producer.send(message);
                if (i % 500 == 499) {
                    session.commit();
                }
            }
            producer.setDeliveryDelay(3_600_000);
            for (int i = 0; i < DELAYED; i++) {
                Message message = session.createTextMessage("delayed-" + i);
                message.setIntProperty("n", BACKLOG + i);
                producer.send(message);
            }
            session.commit();
        }
    }

    private static List<String> receive(String broker, String queue, int count) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (int i = 0; i < count; i++) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                assertThat(message).as("message " + i).isNotNull();
                bodies.add(message.getText());
            }
            assertThat(consumer.receive(300)).as("nothing more").isNull();
            session.commit();
        }
        return bodies;
    }
}
