package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.QueueId;

/**
 * A full disk under a running broker (issue 4, item 10): persistent sends fail with
 * ResourceAllocationException (ResourceAllocationRuntimeException from a JMSContext), the consumer
 * is still served and its acknowledgements still become durable, sends work again once space is
 * freed, and a restart finds every committed message exactly once and no acknowledged one.
 * Needs a small tmpfs, so it runs only as root (see {@link SmallDisk}), skipped otherwise.
 */
class BrokerFullDiskTest {

    private static final String QUEUE = "orders";
    private static final int BEFORE_FULL = 300;
    /** 512 KiB log files fill a small disk in small steps; 2 MiB of reserve keeps acknowledgements going. */
    private static final XodusStoreSettings SETTINGS = XodusStoreSettings.defaults().withLogFileSizeKb(512)
            .withDiskReserveBytes(2 << 20);

    @TempDir
    Path dir;
    private SmallDisk disk;
    private String brokerName;
    private String url;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = SmallDisk.mount(dir, "32m");
        brokerName = "full-disk-" + UUID.randomUUID();
        // A small prefetch and paging window: what the consumer gets while the disk is full is read from
        // the store then, not buffered in the client or the broker beforehand.
        url = "vm://" + brokerName + "?prefetch=5";
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskRefusesSendsButServesConsumersAndRecoversOnceSpaceIsFree() throws Exception {
        Path data = disk.root().resolve("data");
        List<String> committed = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        try (XodusMessageStore store = XodusMessageStore.open(data, SETTINGS);
             Broker broker = startBroker(store);
             Connection connection = new MessageStoreConnectionFactory(url).createConnection()) {
            connection.start();
            Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = producerSession.createQueue(QUEUE);
            MessageProducer producer = producerSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < BEFORE_FULL; i++) {
                committed.add(send(producerSession, producer, "before-" + i));
            }
            Session consumerSession = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = consumerSession.createConsumer(queue);
            acknowledged.addAll(receiveAndAcknowledge(consumer, 20));

            Path filler = disk.fillUp("filler");

            assertThatThrownBy(() -> send(producerSession, producer, "while-full"))
                    .isInstanceOf(ResourceAllocationException.class).hasMessageContaining(data.toString());
            try (JMSContext context = new MessageStoreConnectionFactory(url).createContext()) {
                assertThatThrownBy(() -> context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                        .send(context.createQueue(QUEUE), "while-full-context"))
                        .isInstanceOf(ResourceAllocationRuntimeException.class);
            }
            // the consumer is still served from the store, and its acknowledgements are durable
            List<String> whileFull = receiveAndAcknowledge(consumer, 150);
            assertThat(whileFull).containsExactlyElementsOf(committed.subList(20, 170));
            acknowledged.addAll(whileFull);

            Files.delete(filler);
            for (int i = 0; i < 50; i++) {
                committed.add(send(producerSession, producer, "after-" + i));
            }
            Message delivered = consumer.receive(10_000); // delivered, never acknowledged: must come back
            assertThat(textOf(delivered)).isEqualTo(committed.get(170));
        }
        List<String> expected = new ArrayList<>(committed);
        expected.removeAll(acknowledged);

        try (XodusMessageStore store = XodusMessageStore.open(data, SETTINGS)) {
            assertThat(StoreTesting.readAll(store, QueueId.ofQueue(QUEUE), 100)).hasSize(expected.size());
            try (Broker broker = startBroker(store);
                 Connection connection = new MessageStoreConnectionFactory(url).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                List<String> afterRestart = receiveAndAcknowledge(session.createConsumer(session.createQueue(QUEUE)), expected.size());
                assertThat(afterRestart).containsExactlyElementsOf(expected);
            }
            assertThat(store.storedMessageCount()).as("messages left in the store after draining").isZero();
        }
    }

    private Broker startBroker(XodusMessageStore store) throws JMSException {
        return Broker.start(BrokerConfig.defaults(brokerName).withStore(store).withPagingWindow(50));
    }

    /** Sends a persistent text message; returns its text once the send has returned (it is durable then). */
    private static String send(Session session, MessageProducer producer, String text) throws JMSException {
        producer.send(session.createTextMessage(text + " " + "x".repeat(1000)));
        return text;
    }

    private static String textOf(Message message) throws JMSException {
        return ((TextMessage) message).getText().split(" ")[0];
    }

    /** Receives {@code count} messages, acknowledging each; returns their texts (without the padding). */
    private static List<String> receiveAndAcknowledge(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(textOf(message));
            message.acknowledge();
        }
        return texts;
    }
}
