package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.memory.InMemoryStore;

/**
 * Redelivery delay, delivery limit and dead-letter queue ({@link RedeliveryPolicy}) for messages that
 * come back after being consumed (Jakarta Messaging 3.1, 6.2.10 and 6.2.7).
 */
class RedeliveryPolicyTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName OTHER = DestinationName.queue("other");
    private static final DestinationName PRICES = DestinationName.topic("prices");
    private static final DestinationName DLQ = DestinationName.queue("DLQ");
    private static final long DELAY = 700;

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

    /** Takes the next delivery, hands it to the "application", and returns it. */
    private Delivery consume(RecordingSink sink) {
        Delivery delivery = sink.take();
        connection.consumed(delivery.consumerId(), delivery.deliveryId());
        return delivery;
    }

    /** Consumes and recovers the next delivery {@code times} times. */
    private void failDeliveries(RecordingSink sink, int times) throws JMSException {
        for (int i = 0; i < times; i++) {
            consume(sink);
            connection.rollback(session);
        }
    }

    private RecordingSink consumerOn(DestinationName queue) throws JMSException {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, queue, 10, sink);
        return sink;
    }

    @Test
    void aMessageThatCameBackIsNotRedeliveredBeforeTheRedeliveryDelay() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withRedeliveryDelayMillis(DELAY)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "order"));
        consume(sink);

        long rolledBackAt = System.currentTimeMillis();
        connection.rollback(session);

        await().during(Duration.ofMillis(DELAY / 2)).atMost(Duration.ofMillis(DELAY)).until(() -> sink.all().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.all().size() == 2);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(rolledBackAt + DELAY);
        assertThat(sink.all().get(1).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aDelayedRedeliveryDoesNotHoldBackOtherMessages() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withRedeliveryDelayMillis(60_000)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "failing"));
        consume(sink);
        connection.rollback(session);

        send(connection, session, Messages.text(ORDERS, "next"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.allBodies().contains("next"));
        assertThat(sink.allBodies()).containsExactly("failing", "next");
        assertThat(fixture.broker.queue("orders").pendingCount()).isEqualTo(1);
    }

    @Test
    void unconsumedDeliveriesOfAClosedConsumerComeBackWithoutDelay() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withRedeliveryDelayMillis(60_000)));
        RecordingSink first = new RecordingSink();
        long consumer = fixture.consumer(connection, session, ORDERS, 10, first);
        send(connection, session, Messages.text(ORDERS, "prefetched"));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.all().size() == 1);

        connection.closeConsumer(consumer);
        RecordingSink second = consumerOn(ORDERS);

        assertThat(second.take().deliveryCount()).isEqualTo(1);
    }

    @Test
    void afterMaxDeliveriesTheMessageMovesToTheDeadLetterQueueWithItsOrigin() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(3)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "poison"));

        failDeliveries(sink, 3);

        RecordingSink dlq = consumerOn(DLQ);
        Delivery dead = dlq.take();
        assertThat(sink.all()).extracting(Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(Messages.body(dead.message())).isEqualTo("poison");
        assertThat(dead.message().messageId()).isEqualTo("ID:poison");
        assertThat(dead.message().destination()).isEqualTo(DLQ);
        assertThat(dead.message().properties())
                .containsEntry(DivertedCopy.ORIGINAL_DESTINATION, "queue://orders")
                .containsEntry(DivertedCopy.DELIVERY_COUNT, 3);
        assertThat(dead.deliveryCount()).isEqualTo(1);
        assertThat(fixture.broker.queue("orders").pendingCount()).isZero();
        assertThat(fixture.broker.queue("orders").hasOutstanding()).isFalse();
    }

    @Test
    void aMessageOfATopicSubscriptionRecordsTheTopicAsItsOrigin() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(1)));
        RecordingSink sink = new RecordingSink();
        connection.createConsumer(BrokerFixture.topicConsumer(fixture.newId(), session, PRICES, null, false, false, false), sink);
        send(connection, session, Messages.text(PRICES, "tick"));

        failDeliveries(sink, 1);

        MessageData dead = consumerOn(DLQ).take().message();
        assertThat(dead.properties()).containsEntry(DivertedCopy.ORIGINAL_DESTINATION, "topic://prices");
    }

    @Test
    void zeroMaxDeliveriesRedeliversForever() throws Exception {
        start(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(0)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "again"));

        failDeliveries(sink, 15);

        assertThat(sink.take().deliveryCount()).isEqualTo(16);
        assertThat(fixture.broker.queue("DLQ").pendingCount()).isZero();
    }

    @Test
    void aPerDestinationPolicyAppliesOnlyToThatDestination() throws Exception {
        start(config -> config
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(5))
                .withRedeliveryPolicy("orders", new RedeliveryPolicy(0, 1, "orders.DLQ")));
        RecordingSink orders = consumerOn(ORDERS);
        RecordingSink other = consumerOn(OTHER);
        send(connection, session, Messages.text(ORDERS, "order"));
        send(connection, session, Messages.text(OTHER, "other"));
        consume(orders);
        consume(other);

        connection.rollback(session);

        assertThat(Messages.body(consumerOn(DestinationName.queue("orders.DLQ")).take().message())).isEqualTo("order");
        assertThat(other.take().deliveryCount()).isEqualTo(2);
        assertThat(fixture.broker.queue("DLQ").pendingCount()).isZero();
    }

    @Test
    void withoutADeadLetterQueueAnExhaustedMessageIsDiscarded() throws Exception {
        start(config -> config.withRedeliveryPolicy(new RedeliveryPolicy(0, 2, null)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "poison"));

        failDeliveries(sink, 2);

        assertThat(fixture.broker.queue("orders").pendingCount()).isZero();
        assertThat(fixture.broker.queue("DLQ")).isNull();
        assertThat(fixture.store.storedMessageCount()).isZero();
    }

    @Test
    void theDeadLetterQueueExistsFromStartEvenWithAutoCreateOff() throws Exception {
        start(config -> config.withAutoCreateDestinations(false).withQueues("orders")
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(1)));
        RecordingSink sink = consumerOn(ORDERS);
        send(connection, session, Messages.text(ORDERS, "poison"));

        failDeliveries(sink, 1);

        assertThat(Messages.body(consumerOn(DLQ).take().message())).isEqualTo("poison");
    }

    @Test
    void theRedeliveryDelayOfAPersistentMessageHoldsAcrossARestart() throws Exception {
        long delay = 3_000;
        InMemoryStore store = new InMemoryStore();
        BrokerConfig config = BrokerConfig.defaults(BrokerFixture.uniqueName()).withStore(store)
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withRedeliveryDelayMillis(delay));
        try {
            long rolledBackAt;
            try (Broker broker = Broker.start(config)) {
                BrokerConnection c = broker.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, true);
                send(c, 1, Messages.text(ORDERS, "order"));
                c.commit(1);
                RecordingSink sink = new RecordingSink();
                c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
                Delivery first = sink.take();
                c.consumed(first.consumerId(), first.deliveryId());
                rolledBackAt = System.currentTimeMillis();
                c.rollback(1);
            }
            try (Broker restarted = Broker.start(config)) {
                BrokerConnection c = restarted.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                RecordingSink sink = new RecordingSink();
                c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
                assertThat(sink.all()).as("still held back right after the restart").isEmpty();

                Delivery again = sink.take();

                assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(rolledBackAt + delay);
                assertThat(again.deliveryCount()).isEqualTo(2);
            }
        } finally {
            store.close();
        }
    }

    @Test
    void aPersistentMessageMovedToTheDeadLetterQueueIsThereAfterARestart() throws Exception {
        InMemoryStore store = new InMemoryStore();
        String name = BrokerFixture.uniqueName();
        BrokerConfig config = BrokerConfig.defaults(name).withStore(store)
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(2));
        try {
            try (Broker broker = Broker.start(config)) {
                BrokerConnection c = broker.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, true);
                send(c, 1, Messages.text(ORDERS, "poison"));
                c.commit(1);
                RecordingSink sink = new RecordingSink();
                c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
                for (int i = 0; i < 2; i++) {
                    Delivery d = sink.take();
                    c.consumed(d.consumerId(), d.deliveryId());
                    c.rollback(1);
                }
            }
            try (Broker restarted = Broker.start(config)) {
                assertThat(restarted.queue("orders").pendingCount()).isZero();
                assertThat(store.storedMessageCount()).isEqualTo(1);
                BrokerConnection c = restarted.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                RecordingSink dlq = new RecordingSink();
                c.createConsumer(queueConsumer(1, 1, DLQ, 10), dlq);
                MessageData dead = dlq.take().message();
                assertThat(Messages.body(dead)).isEqualTo("poison");
                assertThat(dead.properties())
                        .containsEntry(DivertedCopy.ORIGINAL_DESTINATION, "queue://orders")
                        .containsEntry(DivertedCopy.DELIVERY_COUNT, 2);
            }
        } finally {
            store.close();
        }
    }

    @Test
    void whenTheStoreFailsTheMoveNeitherHalfHappens() throws Exception {
        InMemoryStore memory = new InMemoryStore();
        FailingStore store = new FailingStore(memory);
        String name = BrokerFixture.uniqueName();
        BrokerConfig config = BrokerConfig.defaults(name).withStore(store)
                .withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(1));
        try {
            try (Broker broker = Broker.start(config)) {
                BrokerConnection c = broker.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                send(c, 1, Messages.text(ORDERS, "poison"));
                RecordingSink sink = new RecordingSink();
                c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
                Delivery d = sink.take();
                c.consumed(d.consumerId(), d.deliveryId());

                store.failNextBatch();
                assertThatThrownBy(() -> c.rollback(1)).isInstanceOf(JMSException.class).hasMessageContaining("dead-letter");

                assertThat(broker.queue("DLQ").pendingCount()).isZero();
                assertThat(broker.queue("orders").pendingCount() + sink.buffered().size()).isEqualTo(1);
                c.close();
            }
            try (Broker restarted = Broker.start(config)) {
                assertThat(restarted.queue("orders").pendingCount()).isEqualTo(1);
                assertThat(restarted.queue("DLQ").pendingCount()).isZero();
                assertThat(memory.storedMessageCount()).isEqualTo(1);
            }
        } finally {
            store.close();
        }
    }
}
