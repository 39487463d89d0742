package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.memory.InMemoryStore;

/**
 * Expired messages (Jakarta Messaging 3.1, 3.4.9 "JMSExpiration") are never delivered; they are dropped,
 * or moved to the expiry queue an {@link ExpiryPolicy} names.
 */
class ExpiryQueueTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName OTHER = DestinationName.queue("other");
    private static final DestinationName EXPIRY = DestinationName.queue("ExpiryQueue");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long session;

    private void start(UnaryOperator<BrokerConfig> customize) throws Exception {
        fixture = new BrokerFixture(customize);
        connection = fixture.connect();
        session = fixture.session(connection, false);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RecordingSink consumerOn(DestinationName queue) throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, queue, 10, sink);
        return sink;
    }

    /** Sends an already expired message to {@code queue}, then lets a consumer find it expired. */
    private long sendExpiredAndDispatch(DestinationName queue, String body) throws Exception {
        long expiration = System.currentTimeMillis() - 1_000;
        send(connection, session, Messages.expiringAt(queue, body, expiration));
        RecordingSink sink = consumerOn(queue);
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker.queue(queue.name()).pendingCount() == 0);
        assertThat(sink.all()).isEmpty();
        return expiration;
    }

    @Test
    void expiredMessagesAreDroppedByDefault() throws Exception {
        start(config -> config);

        sendExpiredAndDispatch(ORDERS, "stale");

        assertThat(fixture.store.storedMessageCount()).isZero();
    }

    @Test
    void aNonPersistentMessageNobodyConsumesLeavesMemoryForTheExpiryQueueOnceExpired() throws Exception {
        start(config -> config.withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue")));

        send(connection, session, Messages.message(ORDERS, "short-lived", 4, false, System.currentTimeMillis() + 200));
        assertThat(fixture.broker.queue(ORDERS.name()).pendingCount()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker.queue(ORDERS.name()).pendingCount() == 0);
        assertThat(Messages.body(consumerOn(EXPIRY).take().message())).isEqualTo("short-lived");
    }

    @Test
    void anExpiredMessageMovesToTheExpiryQueueWithItsOrigin() throws Exception {
        start(config -> config.withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue")));

        long expiration = sendExpiredAndDispatch(ORDERS, "stale");

        MessageData moved = consumerOn(EXPIRY).take().message();
        assertThat(Messages.body(moved)).isEqualTo("stale");
        assertThat(moved.destination()).isEqualTo(EXPIRY);
        assertThat(moved.expiration()).isZero();
        assertThat(moved.properties())
                .containsEntry(DivertedCopy.ORIGINAL_DESTINATION, "queue://orders")
                .containsEntry(DivertedCopy.DELIVERY_COUNT, 0)
                .containsEntry(DivertedCopy.EXPIRED_AT, expiration);
    }

    @Test
    void aPerDestinationExpiryPolicyOverridesTheGlobalOne() throws Exception {
        start(config -> config
                .withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue"))
                .withExpiryPolicy("orders", ExpiryPolicy.moveTo("orders.expired"))
                .withExpiryPolicy("other", ExpiryPolicy.DROP));

        sendExpiredAndDispatch(ORDERS, "stale order");
        sendExpiredAndDispatch(OTHER, "stale other");

        assertThat(Messages.body(consumerOn(DestinationName.queue("orders.expired")).take().message())).isEqualTo("stale order");
        assertThat(fixture.broker.queue("ExpiryQueue").pendingCount()).isZero();
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
    }

    @Test
    void aMessageExpiringOnItsExpiryQueueIsDropped() throws Exception {
        start(config -> config.withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue")));

        sendExpiredAndDispatch(EXPIRY, "sent there directly");

        assertThat(fixture.store.storedMessageCount()).isZero();
    }

    @Test
    void aPersistentExpiredMessageIsOnTheExpiryQueueAfterARestart() throws Exception {
        InMemoryStore store = new InMemoryStore();
        BrokerConfig config = BrokerConfig.defaults(BrokerFixture.uniqueName()).withStore(store)
                .withExpiryPolicy(ExpiryPolicy.moveTo("ExpiryQueue"));
        try {
            try (Broker broker = Broker.start(config)) {
                BrokerConnection c = broker.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                send(c, 1, Messages.expiringAt(ORDERS, "stale", System.currentTimeMillis() - 1_000));
                c.createConsumer(queueConsumer(1, 1, ORDERS, 10), new RecordingSink());
                await().atMost(Duration.ofSeconds(5)).until(() -> broker.queue("ExpiryQueue").pendingCount() == 1);
            }
            try (Broker restarted = Broker.start(config)) {
                assertThat(restarted.queue("orders").pendingCount()).isZero();
                assertThat(restarted.queue("ExpiryQueue").pendingCount()).isEqualTo(1);
                assertThat(store.storedMessageCount()).isEqualTo(1);
            }
        } finally {
            store.close();
        }
    }
}
