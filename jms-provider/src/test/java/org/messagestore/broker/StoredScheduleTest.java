package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/**
 * Delayed and expiring messages of a durable queue found through the store's schedule indexes
 * ({@link DelayedDeliveries}, {@link ExpirySweep}): delayed messages wait in the store, not in the
 * queue's memory window, and expired ones leave the store without being paged in.
 */
class StoredScheduleTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName EXPIRY = DestinationName.queue("ExpiryQueue");

    private final InMemoryStore store = new InMemoryStore();
    private final String name = BrokerFixture.uniqueName();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Broker start(int window) throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store).withPagingWindow(window)
                .withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue")));
    }

    private static BrokerConnection connect(Broker broker) throws Exception {
        BrokerConnection c = broker.connect(null, null, null);
        c.setStarted(true);
        c.createSession(1, false);
        return c;
    }

    /** Receives and acknowledges one message; returns its body and when it arrived. */
    private static String receive(BrokerConnection c, QueueingSink sink) throws Exception {
        Delivery delivery = sink.take();
        c.consumed(delivery.consumerId(), delivery.deliveryId());
        c.acknowledge(1);
        return Messages.body(delivery.message());
    }

    @Test
    void delayedMessagesWaitInTheStoreAndDoNotHoldBackDueOnesBehindThem() throws Exception {
        int window = 10;
        try (Broker broker = start(window)) {
            BrokerConnection c = connect(broker);
            long deliveryTime = System.currentTimeMillis() + 1_500;
            for (int i = 0; i < 50; i++) {
                send(c, 1, Messages.deliverAt(ORDERS, "delayed-" + i, deliveryTime));
            }
            for (int i = 0; i < 30; i++) {
                send(c, 1, Messages.text(ORDERS, "now-" + i));
            }
            MessageQueue queue = broker.queue("orders");
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 5), sink);

            List<String> first = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                first.add(receive(c, sink));
            }
            assertThat(System.currentTimeMillis()).as("the due messages came before the delayed ones were due").isLessThan(deliveryTime);
            assertThat(first).containsExactlyElementsOf(numbered("now-", 30));

            Set<String> later = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                later.add(receive(c, sink));
                assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliveryTime);
            }
            assertThat(later).containsExactlyInAnyOrderElementsOf(numbered("delayed-", 50));
            assertThat(queue.peakResident()).as("delayed messages never filled the window").isLessThanOrEqualTo(window);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.storedMessageCount() == 0);
        }
    }

    @Test
    void delayedMessagesSurviveARestartAndAreDeliveredWhenDue() throws Exception {
        long deliveryTime = System.currentTimeMillis() + 1_000;
        try (Broker broker = start(100)) {
            BrokerConnection c = connect(broker);
            for (int i = 0; i < 20; i++) {
                send(c, 1, Messages.deliverAt(ORDERS, "delayed-" + i, deliveryTime));
            }
            assertThat(storedIn(broker, ORDERS)).isEqualTo(20);
        }
        try (Broker broker = start(100)) {
            BrokerConnection c = connect(broker);
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 5), sink);
            Set<String> received = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                received.add(receive(c, sink));
                assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliveryTime);
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(numbered("delayed-", 20));
            assertThat(sink.poll(200)).as("each delayed message arrives once").isNull();
        }
    }

    @Test
    void manySendersWithShortDelaysDeliverEachMessageExactlyOnceAndNeverEarly() throws Exception {
        int senders = 4;
        int perSender = 250;
        try (Broker broker = start(20)) {
            BrokerConnection consumer = connect(broker);
            QueueingSink sink = new QueueingSink();
            consumer.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> sending = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    int sender = s;
                    sending.add(pool.submit(() -> {
                        BrokerConnection c = connect(broker);
                        for (int i = 0; i < perSender; i++) {
                            long delay = ThreadLocalRandom.current().nextInt(-20, 150);
                            String body = sender + "-" + i + "@" + (System.currentTimeMillis() + delay);
                            send(c, 1, delay <= 0 && i % 2 == 0
                                    ? Messages.text(ORDERS, body)
                                    : Messages.deliverAt(ORDERS, body, System.currentTimeMillis() + delay));
                        }
                        return null;
                    }));
                }
                Set<String> received = new HashSet<>();
                for (int i = 0; i < senders * perSender; i++) {
                    String body = receive(consumer, sink);
                    long due = Long.parseLong(body.substring(body.indexOf('@') + 1));
                    assertThat(System.currentTimeMillis()).as(body).isGreaterThanOrEqualTo(due - 1);
                    assertThat(received.add(body)).as("delivered once: " + body).isTrue();
                }
                for (Future<?> f : sending) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertThat(sink.poll(300)).as("no duplicate after all were received").isNull();
            } finally {
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> store.storedMessageCount() == 0);
        }
    }

    @Test
    void expiredMessagesBeyondTheWindowMoveToTheExpiryQueueWithoutBeingConsumed() throws Exception {
        int window = 10;
        try (Broker broker = start(window)) {
            BrokerConnection c = connect(broker);
            long expiration = System.currentTimeMillis() + 500;
            for (int i = 0; i < 100; i++) {
                send(c, 1, Messages.text(ORDERS, "keep-" + i));
                send(c, 1, Messages.expiringAt(ORDERS, "expire-" + i, expiration));
            }
            send(c, 1, Messages.message(ORDERS, "delayed-expire", 4, true, expiration, expiration + 60_000, java.util.Map.of()));

            await().atMost(Duration.ofSeconds(10)).until(() -> storedIn(broker, EXPIRY) == 101);

            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 5), sink);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                bodies.add(receive(c, sink));
            }
            assertThat(bodies).containsExactlyElementsOf(numbered("keep-", 100));
            QueueingSink expired = new QueueingSink();
            c.createConsumer(queueConsumer(2, 1, EXPIRY, 10), expired);
            Set<String> moved = new HashSet<>();
            for (int i = 0; i < 101; i++) {
                moved.add(receive(c, expired));
            }
            assertThat(moved).as("a delayed message that expired is available on the expiry queue at once")
                    .hasSize(101).contains("delayed-expire");
            assertThat(sink.poll(200)).isNull();
            assertThat(expired.poll(200)).as("each expired message moved once").isNull();
        }
    }

    @Test
    void aBrowserShowsDueDelayedMessagesStillWaitingInTheStore() throws Exception {
        int window = 10;
        try (Broker broker = start(window)) {
            BrokerConnection c = connect(broker);
            for (int i = 0; i < window; i++) {
                send(c, 1, Messages.text(ORDERS, "now-" + i));
            }
            long deliveryTime = System.currentTimeMillis() + 300;
            for (int i = 0; i < 5; i++) {
                send(c, 1, Messages.deliverAt(ORDERS, "delayed-" + i, deliveryTime));
            }
            assertThat(browseAll(c, 1)).as("not yet due").containsExactlyElementsOf(numbered("now-", window));

            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > deliveryTime);
            List<String> all = browseAll(c, 2);
            assertThat(broker.queue("orders").pendingCount()).as("the window is full: the due ones are still in the store")
                    .isEqualTo(window);
            assertThat(all.subList(0, window)).containsExactlyElementsOf(numbered("now-", window));
            assertThat(all.subList(window, all.size())).containsExactlyInAnyOrderElementsOf(numbered("delayed-", 5));
        }
    }

    private static List<String> browseAll(BrokerConnection c, long browserId) throws Exception {
        c.createBrowser(browserId, 1, ORDERS, null);
        List<String> bodies = new ArrayList<>();
        for (List<org.messagestore.model.MessageData> page = c.browseNext(browserId, 4); !page.isEmpty();
             page = c.browseNext(browserId, 4)) {
            page.forEach(message -> bodies.add(Messages.body(message)));
        }
        c.closeBrowser(browserId);
        return bodies;
    }

    /** References the store holds for a queue, counted through a cursor. */
    private int storedIn(Broker broker, DestinationName queue) {
        try (var cursor = store.openCursor(org.messagestore.store.QueueId.ofQueue(queue.name()), -1)) {
            return cursor.next(Integer.MAX_VALUE).size();
        }
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(prefix + i);
        }
        return bodies;
    }
}
