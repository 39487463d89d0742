package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;
import static org.messagestore.broker.BrokerFixture.topicConsumer;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/**
 * Operator actions on the messages waiting in a queue ({@link QueueOperations}): purge, move, retry of
 * dead letters and removal of one message, over queues whose backlog pages from the store.
 */
class QueueOperationsTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName ARCHIVE = DestinationName.queue("archive");
    private static final DestinationName DLQ = DestinationName.queue("DLQ");
    private static final DestinationName PRICES = DestinationName.topic("prices");
    private static final int WINDOW = 50;

    private final InMemoryStore memoryStore = new InMemoryStore();
    private final String name = BrokerFixture.uniqueName();
    private final List<Broker> brokers = new ArrayList<>();
    private Broker broker;
    private BrokerConnection connection;
    private long session;

    @AfterEach
    void stop() {
        brokers.forEach(Broker::close);
        memoryStore.close();
    }

    private void start(UnaryOperator<BrokerConfig> customize) throws JMSException {
        start(memoryStore, customize);
    }

    private void start(org.messagestore.store.MessageStore store, UnaryOperator<BrokerConfig> customize) throws JMSException {
        broker = Broker.start(customize.apply(BrokerConfig.defaults(name).withStore(store).withPagingWindow(WINDOW)
                .withQueues("orders", "archive")));
        brokers.add(broker);
        connection = broker.connect(null, null, null);
        connection.setStarted(true);
        session = 1;
        connection.createSession(session, false);
    }

    private void start() throws JMSException {
        start(config -> config);
    }

    private void restart() throws JMSException {
        broker.close();
        brokers.remove(broker);
        start();
    }

    private QueueOperations operations() {
        return broker.queueOperations();
    }

    private long depth(String queue) {
        return broker.statistics(queue, null).orElseThrow().depth();
    }

    private static String body(int i) {
        return String.format("m-%04d", i);
    }

    private static boolean red(int i) {
        return i % 3 == 0;
    }

    /** Sends {@code count} persistent messages to orders, every third with color 'red'. */
    private void sendColored(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            send(connection, session, Messages.withProperties(ORDERS, body(i), Map.of("color", red(i) ? "red" : "blue")));
        }
    }

    private RecordingSink consumerOn(DestinationName queue, int prefetch) throws JMSException {
        RecordingSink sink = new RecordingSink();
        connection.createConsumer(queueConsumer(session * 100 + sinks++, session, queue, prefetch), sink);
        return sink;
    }

    private int sinks;

    /** Receives (and acknowledges) exactly {@code count} messages, then checks that nothing more comes. */
    private List<Delivery> receiveAll(DestinationName queue, int count) throws JMSException {
        RecordingSink sink = consumerOn(queue, 1_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.all().size() >= count);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> sink.all().size() == count);
        for (Delivery delivery : sink.all()) {
            connection.consumed(delivery.consumerId(), delivery.deliveryId());
        }
        connection.acknowledge(session);
        return sink.all();
    }

    private static List<String> bodies(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> Messages.body(d.message())).toList();
    }

    @Test
    void purgeRemovesEveryWaitingMessageOfAPagingQueueDelayedAndNonPersistentOnesIncluded() throws Exception {
        start();
        for (int i = 0; i < 1_000; i++) {
            send(connection, session, Messages.text(ORDERS, body(i)));
        }
        long later = System.currentTimeMillis() + 3_600_000;
        for (int i = 0; i < 30; i++) {
            send(connection, session, Messages.deliverAt(ORDERS, "delayed-" + i, later));
            send(connection, session, Messages.nonPersistent(ORDERS, "fast-" + i));
        }
        List<Long> progress = new ArrayList<>();

        long purged = operations().purge("orders", null, null, progress::add);

        assertThat(purged).isEqualTo(1_060);
        assertThat(progress).isNotEmpty().isSorted().last().isEqualTo(1_060L);
        assertThat(depth("orders")).isZero();
        // Non-persistent messages always wait in memory, beyond the window.
        assertThat(broker.queue("orders").peakResident()).isLessThanOrEqualTo(WINDOW + 30);
        assertThat(memoryStore.storedMessageCount()).isZero();
        receiveAll(ORDERS, 0);

        restart();
        assertThat(depth("orders")).isZero();
        receiveAll(ORDERS, 0);
    }

    @Test
    void purgeBySelectorLeavesExactlyTheOthersInOrder() throws Exception {
        start();
        sendColored(300);

        assertThat(operations().purge("orders", null, "color = 'red'", null)).isEqualTo(100);

        assertThat(depth("orders")).isEqualTo(200);
        List<String> expected = IntStream.range(0, 300).filter(i -> !red(i)).mapToObj(QueueOperationsTest::body).toList();
        assertThat(bodies(receiveAll(ORDERS, 200))).containsExactlyElementsOf(expected);
    }

    @Test
    void aDeliveredUnacknowledgedMessageIsNotPurgedAndCanStillBeAcknowledged() throws Exception {
        start();
        send(connection, session, Messages.text(ORDERS, "taken"));
        RecordingSink sink = consumerOn(ORDERS, 1);
        Delivery taken = sink.take(); // delivered: its prefetch slot stays taken until consumed
        send(connection, session, Messages.text(ORDERS, "waiting-1"));
        send(connection, session, Messages.text(ORDERS, "waiting-2"));

        assertThat(operations().purge("orders", null, null, null)).isEqualTo(2);
        assertThat(depth("orders")).isEqualTo(1);

        connection.consumed(taken.consumerId(), taken.deliveryId());
        connection.acknowledge(session);
        assertThat(depth("orders")).isZero();
        assertThat(memoryStore.storedMessageCount()).isZero();
        assertThat(sink.all()).hasSize(1);
    }

    @Test
    void moveBySelectorTakesTheMatchingMessagesToTheTargetWithTheirIdsAndBodies() throws Exception {
        start();
        sendColored(300);

        assertThat(operations().move("orders", null, "color = 'red'", "archive", null)).isEqualTo(100);

        assertThat(depth("orders")).isEqualTo(200);
        assertThat(depth("archive")).isEqualTo(100);
        assertThat(broker.statistics("archive", null).orElseThrow().added()).isEqualTo(100);
        List<Delivery> moved = receiveAll(ARCHIVE, 100);
        List<Integer> reds = IntStream.range(0, 300).filter(QueueOperationsTest::red).boxed().toList();
        assertThat(bodies(moved)).containsExactlyElementsOf(reds.stream().map(QueueOperationsTest::body).toList());
        assertThat(moved).allSatisfy(d -> {
            assertThat(d.message().messageId()).isEqualTo("ID:" + Messages.body(d.message()));
            assertThat(d.message().destination()).isEqualTo(ARCHIVE);
            assertThat(d.message().properties()).containsEntry("color", "red");
        });
        assertThat(bodies(receiveAll(ORDERS, 200))).doesNotContainAnyElementsOf(bodies(moved)).hasSize(200);

        restart();
        assertThat(depth("orders")).isZero();
        assertThat(depth("archive")).isZero();
    }

    @Test
    void aMoveTheStoreRefusesLosesAndDuplicatesNothing() throws Exception {
        FailingStore failing = new FailingStore(memoryStore);
        start(failing, config -> config);
        sendColored(120);
        failing.failNextBatch();

        assertThatThrownBy(() -> operations().move("orders", null, null, "archive", null))
                .isInstanceOf(JMSException.class).hasMessageContaining("disk full");

        assertThat(depth("orders")).isEqualTo(120);
        assertThat(depth("archive")).isZero();
        assertThat(bodies(receiveAll(ORDERS, 120))).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 120).mapToObj(QueueOperationsTest::body).toList());
        receiveAll(ARCHIVE, 0);
    }

    @Test
    void deadLettersGoBackToTheirQueueWithoutTheirDeadLetterProperties() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(1)));
        send(connection, session, Messages.text(ORDERS, "poison"));
        RecordingSink orders = consumerOn(ORDERS, 10);
        Delivery first = orders.take();
        connection.consumed(first.consumerId(), first.deliveryId());
        connection.rollback(session); // over the limit of one delivery: to the DLQ
        await().atMost(Duration.ofSeconds(5)).until(() -> depth("DLQ") == 1);
        send(connection, session, Messages.withProperties(DLQ, "from-topic",
                Map.of(DivertedCopy.ORIGINAL_DESTINATION, "topic://prices", DivertedCopy.DELIVERY_COUNT, 1)));
        send(connection, session, Messages.withProperties(DLQ, "from-gone-queue",
                Map.of(DivertedCopy.ORIGINAL_DESTINATION, "queue://gone", DivertedCopy.DELIVERY_COUNT, 1)));

        assertThat(operations().retryDeadLetters("DLQ", null, null)).isEqualTo(1);

        assertThat(depth("DLQ")).isEqualTo(2);
        Delivery retried = orders.take();
        assertThat(Messages.body(retried.message())).isEqualTo("poison");
        assertThat(retried.message().messageId()).isEqualTo("ID:poison");
        assertThat(retried.message().destination()).isEqualTo(ORDERS);
        assertThat(retried.message().properties()).doesNotContainKeys(DivertedCopy.ORIGINAL_DESTINATION,
                DivertedCopy.DELIVERY_COUNT, DivertedCopy.EXPIRED_AT);
        assertThat(retried.deliveryCount()).isEqualTo(1);
        connection.consumed(retried.consumerId(), retried.deliveryId());
        connection.acknowledge(session);
        assertThat(depth("orders")).isZero();
        assertThat(bodies(receiveAll(DLQ, 2))).containsExactly("from-topic", "from-gone-queue");
    }

    @Test
    void removeTakesOutTheOneMessageWithThatId() throws Exception {
        start();
        sendColored(120); // paging: m-0100 waits in the store only

        assertThat(operations().remove("orders", null, "ID:" + body(100))).isTrue();
        assertThat(operations().remove("orders", null, "ID:" + body(100))).isFalse();
        assertThat(operations().remove("orders", null, "ID:" + body(3))).isTrue();

        assertThat(depth("orders")).isEqualTo(118);
        assertThat(bodies(receiveAll(ORDERS, 118))).doesNotContain(body(100), body(3)).doesNotHaveDuplicates();
    }

    @Test
    void aDurableSubscriptionsDeadLetterGoesBackToThatSubscriptionOnly() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(1)));
        connection.setClientId("app");
        connection.createConsumer(topicConsumer(78, session, PRICES, "ledger", true, false, false), new RecordingSink());
        connection.closeConsumer(78);
        RecordingSink audit = new RecordingSink();
        connection.createConsumer(topicConsumer(77, session, PRICES, "audit", true, false, false), audit);
        send(connection, session, Messages.text(PRICES, "tick"));
        Delivery first = audit.take();
        connection.consumed(first.consumerId(), first.deliveryId());
        connection.rollback(session); // over the limit of one delivery: to the DLQ
        await().atMost(Duration.ofSeconds(5)).until(() -> depth("DLQ") == 1);

        assertThat(operations().retryDeadLetters("DLQ", null, null)).isEqualTo(1);

        Delivery retried = audit.take();
        assertThat(Messages.body(retried.message())).isEqualTo("tick");
        assertThat(retried.message().destination()).isEqualTo(PRICES);
        assertThat(retried.message().properties()).doesNotContainKeys(DivertedCopy.ORIGINAL_DESTINATION,
                DivertedCopy.ORIGINAL_SUBSCRIPTION, DivertedCopy.DELIVERY_COUNT);
        assertThat(depth("DLQ")).isZero();
        assertThat(broker.statistics("app:ledger", "prices").orElseThrow().depth()).as("not sent to the topic again").isEqualTo(1);
        assertThat(broker.statistics("app:audit", "prices").orElseThrow().depth()).isEqualTo(1);
    }

    @Test
    void aDurableSubscriptionIsPurgedByItsName() throws Exception {
        start();
        connection.setClientId("app");
        long consumer = 77;
        connection.createConsumer(topicConsumer(consumer, session, PRICES, "audit", true, false, false), new RecordingSink());
        connection.closeConsumer(consumer);
        for (int i = 0; i < 120; i++) {
            send(connection, session, Messages.text(PRICES, body(i)));
        }

        assertThat(operations().purge("app:audit", "prices", null, null)).isEqualTo(120);

        assertThat(broker.statistics("app:audit", "prices").orElseThrow().depth()).isZero();
        assertThat(memoryStore.storedMessageCount()).isZero();
    }

    @Test
    void badRequestsThrowTheNamedExceptionAndChangeNothing() throws Exception {
        start();
        sendColored(10);
        QueueOperations operations = operations();

        assertThatThrownBy(() -> operations.purge("nowhere", null, null, null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> operations.purge("nobody", "prices", null, null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> operations.purge("orders", null, "color = ", null))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> operations.move("orders", null, null, "nowhere", null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> operations.move("orders", null, null, "orders", null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> operations.retryDeadLetters("nowhere", null, null))
                .isInstanceOf(InvalidDestinationException.class);

        assertThat(depth("orders")).isEqualTo(10);
        assertThat(receiveAll(ORDERS, 10)).hasSize(10);
    }

    @Test
    void theMessageAPreparedBranchHoldsIsNotPurgedBeforeOrAfterARestart() throws Exception {
        start();
        BranchXid xid = new BranchXid(7, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});
        BrokerFixture.prepareReceiveAndSend(broker, xid, ORDERS, ARCHIVE);
        sendColored(3);

        assertThat(operations().purge("orders", null, null, null)).isEqualTo(3);

        restart();
        sendColored(3);
        assertThat(operations().purge("orders", null, null, null)).isEqualTo(3);
        broker.preparedBranches().rollback(xid);
        assertThat(bodies(receiveAll(ORDERS, 1))).containsExactly("request");
    }
}
