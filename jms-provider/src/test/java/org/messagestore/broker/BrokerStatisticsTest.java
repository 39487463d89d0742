package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/**
 * What {@link Broker#statistics()} reports: per queue, its depth (in memory, in flight or paged out)
 * and what went through it; for the broker, connections, sessions, memory, refused logins and XA
 * branches. Depth survives a restart, counted from the store.
 */
class BrokerStatisticsTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");

    private BrokerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private QueueStatistics queue(Broker broker, String name) {
        return broker.statistics().queues().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aQueueCountsWhatArrivesIsDeliveredAcknowledgedAndComesBack() throws Exception {
        fixture = new BrokerFixture(config -> config.withRedeliveryPolicy(RedeliveryPolicy.DEFAULT.withMaxDeliveries(2)));
        BrokerConnection c = fixture.connect();
        long producer = fixture.session(c, false);
        for (int i = 0; i < 3; i++) {
            send(c, producer, Messages.text(ORDERS, "order " + i));
        }
        assertThat(queue(fixture.broker, "orders")).extracting(QueueStatistics::depth, QueueStatistics::added,
                QueueStatistics::inMemory, QueueStatistics::inFlight).containsExactly(3L, 3L, 3, 0);

        long session = fixture.session(c, true);
        RecordingSink sink = new RecordingSink();
        c.createConsumer(queueConsumer(1, session, ORDERS, 10), sink);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.all().size() == 3);
        Delivery first = sink.take();
        c.consumed(first.consumerId(), first.deliveryId());
        c.commit(session); // the first one acknowledged
        QueueStatistics afterCommit = queue(fixture.broker, "orders");
        assertThat(afterCommit).extracting(QueueStatistics::depth, QueueStatistics::delivered, QueueStatistics::acknowledged,
                QueueStatistics::inFlight, QueueStatistics::consumers).containsExactly(2L, 3L, 1L, 2, 1);

        Delivery second = sink.take();
        c.consumed(second.consumerId(), second.deliveryId());
        c.rollback(session); // comes back: one redelivery
        await().atMost(Duration.ofSeconds(5)).until(() -> queue(fixture.broker, "orders").redelivered() == 1);
        Delivery again = sink.all().stream().filter(d -> d.deliveryCount() == 2).findFirst().orElseThrow();
        c.consumed(again.consumerId(), again.deliveryId());
        c.rollback(session); // its second delivery came back: over the limit, to the dead-letter queue

        await().atMost(Duration.ofSeconds(5)).until(() -> queue(fixture.broker, "orders").deadLettered() == 1);
        QueueStatistics end = queue(fixture.broker, "orders");
        assertThat(end).extracting(QueueStatistics::depth, QueueStatistics::added, QueueStatistics::acknowledged,
                QueueStatistics::redelivered, QueueStatistics::deadLettered).containsExactly(1L, 3L, 1L, 2L, 1L);
        assertThat(queue(fixture.broker, RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE).depth()).isEqualTo(1);
    }

    @Test
    void expiredMessagesLeaveTheDepthAndAreCounted() throws Exception {
        fixture = new BrokerFixture(config -> config);
        BrokerConnection c = fixture.connect();
        long session = fixture.session(c, false);
        send(c, session, Messages.expiringAt(ORDERS, "stale", System.currentTimeMillis() + 200));
        send(c, session, Messages.text(ORDERS, "fresh"));

        await().atMost(Duration.ofSeconds(10)).until(() -> queue(fixture.broker, "orders").expired() == 1);

        assertThat(queue(fixture.broker, "orders")).extracting(QueueStatistics::depth, QueueStatistics::inMemory)
                .containsExactly(1L, 1);
    }

    @Test
    void aPagingQueueCountsWhatWaitsInTheStoreAndItsDepthSurvivesARestart() throws Exception {
        InMemoryStore store = new InMemoryStore();
        String name = BrokerFixture.uniqueName();
        BrokerConfig config = BrokerConfig.defaults(name).withStore(store).withPagingWindow(10);
        try {
            try (Broker broker = Broker.start(config)) {
                BrokerConnection c = broker.connect(null, null, null);
                c.createSession(1, false);
                for (int i = 0; i < 50; i++) {
                    send(c, 1, Messages.text(ORDERS, "order " + i));
                }
                QueueStatistics paging = queue(broker, "orders");
                assertThat(paging.depth()).isEqualTo(50);
                assertThat(paging.inMemory()).isLessThanOrEqualTo(10);
                assertThat(paging.pagedOut()).isGreaterThanOrEqualTo(40);
            }
            try (Broker restarted = Broker.start(config)) {
                QueueStatistics recovered = queue(restarted, "orders");
                assertThat(recovered.depth()).isEqualTo(50);
                assertThat(recovered.added()).isZero();
            }
        } finally {
            store.close();
        }
    }

    @Test
    void theBrokerCountsConnectionsSessionsRefusedLoginsAndMemory() throws Exception {
        fixture = new BrokerFixture(config -> config.withUsers(Map.of("alice", "secret")));
        BrokerConnection c = fixture.broker.connect("alice", "secret", null);
        c.createSession(1, false);
        c.createSession(2, true);
        assertThatThrownBy(() -> fixture.broker.connect("alice", "wrong", null)).isInstanceOf(jakarta.jms.JMSSecurityException.class);
        send(c, 1, Messages.text(ORDERS, "order"));

        BrokerStatistics statistics = fixture.broker.statistics();

        assertThat(statistics).extracting(BrokerStatistics::connections, BrokerStatistics::sessions,
                BrokerStatistics::authenticationFailures, BrokerStatistics::sendsWaitingForMemory,
                BrokerStatistics::activeTransactions, BrokerStatistics::preparedTransactions)
                .containsExactly(1, 2, 1L, 0, 0, 0);
        assertThat(statistics.memoryUsedBytes()).isPositive().isLessThan(statistics.memoryLimitBytes());
        c.close();
    }
}
