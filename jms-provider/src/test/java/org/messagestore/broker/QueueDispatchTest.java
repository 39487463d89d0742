package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;

/** Queue ordering, round-robin and consumer credit (prefetch window, pull and drain). */
class QueueDispatchTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long session;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        connection = fixture.connect();
        session = fixture.session(connection, false);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void messagesArriveInSendOrderWithinOnePriority() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);

        assertThat(sink.bufferedBodies()).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(sink.all()).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
    }

    @Test
    void higherPriorityMessagesOvertakeLowerOnesAndKeepFifoAmongEqualPriority() throws Exception {
        send(connection, session, Messages.withPriority(ORDERS, "low-1", 1));
        send(connection, session, Messages.withPriority(ORDERS, "high-1", 9));
        send(connection, session, Messages.withPriority(ORDERS, "normal", 4));
        send(connection, session, Messages.withPriority(ORDERS, "high-2", 9));
        send(connection, session, Messages.withPriority(ORDERS, "low-2", 1));
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);

        assertThat(sink.bufferedBodies()).containsExactly("high-1", "high-2", "normal", "low-1", "low-2");
    }

    @Test
    void consumersAreServedRoundRobin() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, first);
        fixture.consumer(connection, session, ORDERS, 10, second);
        for (int i = 0; i < 4; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }

        assertThat(first.bufferedBodies()).containsExactly("m0", "m2");
        assertThat(second.bufferedBodies()).containsExactly("m1", "m3");
    }

    @Test
    void prefetchWindowLimitsUnconsumedDeliveriesAndConsumedFreesASlot() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 2, sink);
        assertThat(sink.allBodies()).containsExactly("m0", "m1");

        assertThat(consume(connection, sink)).isEqualTo("m0");

        assertThat(sink.allBodies()).containsExactly("m0", "m1", "m2");
    }

    @Test
    void aFullConsumerIsSkippedSoOthersGetTheMessages() throws Exception {
        RecordingSink slow = new RecordingSink();
        RecordingSink fast = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 1, slow);
        fixture.consumer(connection, session, ORDERS, 10, fast);
        for (int i = 0; i < 4; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }

        assertThat(slow.allBodies()).containsExactly("m0");
        assertThat(fast.allBodies()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void prefetchZeroDeliversOneMessagePerPull() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }
        RecordingSink sink = new RecordingSink();
        long consumer = fixture.consumer(connection, session, ORDERS, 0, sink);
        assertThat(sink.all()).isEmpty();

        connection.pull(consumer);
        assertThat(sink.allBodies()).containsExactly("m0");
        consume(connection, sink);
        assertThat(sink.allBodies()).containsExactly("m0");

        connection.pull(consumer);
        connection.pull(consumer);
        assertThat(sink.allBodies()).containsExactly("m0", "m1", "m2");
    }

    @Test
    void drainCancelsUnansweredPulls() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = fixture.consumer(connection, session, ORDERS, 0, sink);
        connection.pull(consumer);
        connection.drain(consumer);

        send(connection, session, Messages.text(ORDERS, "after-drain"));

        assertThat(sink.all()).isEmpty();
        assertThat(fixture.broker.queue("orders").pendingCount()).isEqualTo(1);
    }

    @Test
    void aPullWaitingWhenAMessageArrivesIsAnswered() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = fixture.consumer(connection, session, ORDERS, 0, sink);
        connection.pull(consumer);

        send(connection, session, Messages.text(ORDERS, "m0"));
        send(connection, session, Messages.text(ORDERS, "m1"));

        assertThat(sink.allBodies()).containsExactly("m0");
    }

    @Test
    void expiredMessagesAreNeverDeliveredAndLeaveTheStore() throws Exception {
        send(connection, session, Messages.expiringAt(ORDERS, "stale", System.currentTimeMillis() - 1));
        send(connection, session, Messages.expiringAt(ORDERS, "fresh", System.currentTimeMillis() + 60_000));
        assertThat(fixture.store.storedMessageCount()).isEqualTo(2);

        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);

        assertThat(sink.allBodies()).containsExactly("fresh");
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
    }

    @Test
    void anInvalidSelectorIsRejectedWithInvalidSelectorException() {
        ConsumerSpec withSelector = new ConsumerSpec(fixture.newId(), session, ORDERS, "color = = 'red'", false, null, false, false, 10);

        assertThatThrownBy(() -> connection.createConsumer(withSelector, new RecordingSink()))
                .isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void unknownQueueIsRejectedWhenAutoCreateIsOff() throws Exception {
        try (BrokerFixture strict = new BrokerFixture(c -> c.withAutoCreateDestinations(false).withQueues("known"))) {
            BrokerConnection c = strict.connect();
            long s = strict.session(c, false);

            assertThatThrownBy(() -> c.send(s, Messages.text(DestinationName.queue("x"), "m")).join())
                    .hasCauseInstanceOf(InvalidDestinationException.class)
                    .hasRootCauseMessage("queue 'x' does not exist and auto-create is off");
            assertThatThrownBy(() -> strict.consumer(c, s, DestinationName.topic("t"), 1, new RecordingSink()))
                    .isInstanceOf(InvalidDestinationException.class)
                    .hasMessage("topic 't' does not exist and auto-create is off");

            send(c, s, Messages.text(DestinationName.queue("known"), "ok"));
            assertThat(strict.broker.queue("known").pendingCount()).isEqualTo(1);
        }
    }
}
