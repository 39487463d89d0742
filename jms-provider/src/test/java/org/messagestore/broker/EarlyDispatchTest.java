package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;

import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/**
 * A non-transacted persistent send reaches consumers while its store write is still in flight, so
 * that an acknowledgement can join the same group commit and both cancel in the store
 * ({@link MessageRouter#send}); the sender and the acknowledger still hear only once it is durable.
 */
class EarlyDispatchTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");

    private final InMemoryStore memoryStore = new InMemoryStore();
    private final GatedStore store = new GatedStore(memoryStore);

    @AfterEach
    void closeStore() {
        store.open();
        memoryStore.close();
    }

    private Broker start() throws Exception {
        return Broker.start(BrokerConfig.defaults(BrokerFixture.uniqueName()).withStore(store));
    }

    private static BrokerConnection connect(Broker broker) throws Exception {
        BrokerConnection c = broker.connect(null, null, null);
        c.setStarted(true);
        c.createSession(1, false);
        return c;
    }

    @Test
    void aConsumerGetsTheMessageBeforeItIsDurableButItsAcknowledgementCompletesOnlyAfterTheSend() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker);
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
            store.closeGate();

            CompletableFuture<Void> sent = c.send(1, Messages.text(ORDERS, "early"));
            Delivery delivery = sink.take();
            assertThat(Messages.body(delivery.message())).isEqualTo("early");
            assertThat(sent).as("the send is not durable yet").isNotDone();

            c.consumed(delivery.consumerId(), delivery.deliveryId());
            CompletableFuture<Void> acknowledged = CompletableFuture.runAsync(() -> {
                try {
                    c.acknowledge(1);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> store.heldBatches() == 2);
            assertThat(acknowledged).as("the acknowledgement waits for the add before it").isNotDone();

            store.open();
            sent.get(5, TimeUnit.SECONDS);
            acknowledged.get(5, TimeUnit.SECONDS);
            assertThat(memoryStore.storedMessageCount()).isZero();
        }
    }

    @Test
    void aFailedWriteTakesTheMessageOutOfTheQueueAndFailsTheSend() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker);
            c.createConsumer(queueConsumer(1, 1, ORDERS, 10), new QueueingSink()); // creates the queue
            c.closeConsumer(1);
            store.closeGate();
            CompletableFuture<Void> sent = c.send(1, Messages.text(ORDERS, "lost"));
            assertThat(broker.queue("orders").pendingCount()).as("waiting in memory while the write is in flight").isEqualTo(1);

            store.failHeld();

            assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JMSException.class);
            assertThat(broker.queue("orders").pendingCount()).isZero();
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(2, 1, ORDERS, 10), sink);
            assertThat(sink.poll(200)).isNull();
        }
    }

    @Test
    void aTransactedSendReachesConsumersOnlyOnceItsCommitIsDurable() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker);
            c.createSession(2, true);
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 1, ORDERS, 10), sink);
            c.send(2, Messages.text(ORDERS, "committed")).get(5, TimeUnit.SECONDS);
            store.closeGate();

            CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> {
                try {
                    c.commit(2);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> store.heldBatches() == 1);
            assertThat(sink.poll(200)).isNull();

            store.open();
            committed.get(5, TimeUnit.SECONDS);
            assertThat(Messages.body(sink.take().message())).isEqualTo("committed");
        }
    }
}
