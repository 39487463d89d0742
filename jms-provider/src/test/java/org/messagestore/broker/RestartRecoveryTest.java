package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;
import static org.messagestore.broker.BrokerFixture.topicConsumer;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/** A broker restarted on the same store finds what was durable, and nothing that was acknowledged. */
class RestartRecoveryTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName NEWS = DestinationName.topic("news");

    private final InMemoryStore store = new InMemoryStore();
    private final String name = BrokerFixture.uniqueName();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Broker start() throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store));
    }

    @Test
    void restartRecoversPendingPersistentMessagesWithTheirDeliveryCounts() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            for (int i = 0; i < 3; i++) {
                send(c, 1, Messages.text(ORDERS, "order-" + i));
            }
            send(c, 1, Messages.nonPersistent(ORDERS, "volatile"));
            RecordingSink sink = new RecordingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 1), sink);
            assertThat(consume(c, sink)).isEqualTo("order-0");
            c.acknowledge(1);
            assertThat(consume(c, sink)).isEqualTo("order-1");
            c.rollback(1);
        }

        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            RecordingSink sink = new RecordingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);

            assertThat(sink.all()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                    .containsExactly(tuple("order-1", 2), tuple("order-2", 1));
        }
    }

    @Test
    void restartRecoversDurableSubscriptionsAndTheirMessages() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.setClientId("app");
            c.createSession(1, false);
            c.createConsumer(topicConsumer(1, 1, NEWS, "audit", true, false, false), new RecordingSink());
            c.closeConsumer(1);
            send(c, 1, Messages.text(NEWS, "while down"));
        }

        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            c.setClientId("app");
            c.createSession(1, false);
            send(c, 1, Messages.text(NEWS, "after restart"));
            RecordingSink sink = new RecordingSink();
            c.createConsumer(topicConsumer(1, 1, NEWS, "audit", true, false, false), sink);

            assertThat(sink.allBodies()).containsExactly("while down", "after restart");
            consume(c, sink);
            consume(c, sink);
            c.acknowledge(1);
        }

        try (Broker again = start()) {
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            c.setClientId("app");
            c.createSession(1, false);
            RecordingSink sink = new RecordingSink();
            c.createConsumer(topicConsumer(1, 1, NEWS, "audit", true, false, false), sink);
            assertThat(sink.all()).isEmpty();
            assertThat(store.storedMessageCount()).isZero();
        }
    }

    @Test
    void newMessagesAfterARestartQueueBehindRecoveredOnes() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            send(c, 1, Messages.text(ORDERS, "before"));
        }
        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            send(c, 1, Messages.text(ORDERS, "after"));
            RecordingSink sink = new RecordingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);

            assertThat(sink.allBodies()).containsExactly("before", "after");
        }
    }

    @Test
    void autoCreatedDestinationsSurviveARestartEvenWithAutoCreateOff() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            send(c, 1, Messages.nonPersistent(ORDERS, "creates the queue"));
        }
        try (Broker strict = Broker.start(BrokerConfig.defaults(name).withStore(store).withAutoCreateDestinations(false))) {
            assertThat(strict.queue("orders")).isNotNull();
        }
    }
}
