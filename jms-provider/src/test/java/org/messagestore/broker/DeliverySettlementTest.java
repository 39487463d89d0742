package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;

/** Acknowledge, recover/rollback, consumer close and session close: who owns a delivery when. */
class DeliverySettlementTest {

    private static final DestinationName WORK = DestinationName.queue("work");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long session;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        connection = fixture.connect();
        session = fixture.session(connection, false);
        for (int i = 0; i < 4; i++) {
            send(connection, session, Messages.text(WORK, "m" + i));
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void acknowledgedMessagesAreGoneForGood() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);
        consume(connection, sink);

        connection.acknowledge(session);
        connection.closeSession(session);

        RecordingSink after = new RecordingSink();
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, after);
        assertThat(after.bufferedBodies()).containsExactly("m2", "m3");
        assertThat(fixture.store.storedMessageCount()).isEqualTo(2);
    }

    @Test
    void acknowledgeLeavesUnconsumedDeliveriesOutstanding() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);

        connection.acknowledge(session);

        assertThat(sink.bufferedBodies()).containsExactly("m1", "m2", "m3");
        assertThat(fixture.store.storedMessageCount()).isEqualTo(3);
    }

    @Test
    void recoveredMessagesComeBackInOrderAndOnlyConsumedOnesCountAsRedelivered() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);
        consume(connection, sink);
        int discardsBefore = sink.discards();

        connection.rollback(session);

        assertThat(sink.discards()).isEqualTo(discardsBefore + 1);
        assertThat(sink.buffered()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m0", 2),
                        org.assertj.core.groups.Tuple.tuple("m1", 2),
                        org.assertj.core.groups.Tuple.tuple("m2", 1),
                        org.assertj.core.groups.Tuple.tuple("m3", 1));
        assertThat(sink.buffered().get(0).redelivered()).isTrue();
    }

    @Test
    void rolledBackMessageIsRedeliveredWithIncrementedDeliveryCountEachTime() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, WORK, 1, sink);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Delivery delivery = sink.take();
            assertThat(Messages.body(delivery.message())).isEqualTo("m0");
            assertThat(delivery.deliveryCount()).isEqualTo(attempt);
            connection.consumed(delivery.consumerId(), delivery.deliveryId());
            connection.rollback(session);
        }
    }

    @Test
    void closingAConsumerReturnsItsUnconsumedDeliveriesUnchangedToOtherConsumers() throws Exception {
        RecordingSink first = new RecordingSink();
        long firstId = fixture.consumer(connection, session, WORK, 10, first);
        consume(connection, first);

        connection.closeConsumer(firstId);
        RecordingSink second = new RecordingSink();
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, second);

        assertThat(second.buffered()).extracting(Delivery::deliveryCount).containsOnly(1);
        assertThat(second.bufferedBodies()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void consumedDeliveriesOfAClosedConsumerStayWithTheSessionUntilAcknowledged() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);
        connection.closeConsumer(consumer);

        connection.acknowledge(session);

        RecordingSink next = new RecordingSink();
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, next);
        assertThat(next.bufferedBodies()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void consumedDeliveriesOfAClosedConsumerReturnOnRecover() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);
        connection.closeConsumer(consumer);

        connection.rollback(session);

        RecordingSink next = new RecordingSink();
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, next);
        assertThat(next.bufferedBodies()).containsExactly("m0", "m1", "m2", "m3");
        assertThat(next.buffered().get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void closingASessionReturnsEverythingAsARollbackWould() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, sink);
        consume(connection, sink);

        connection.closeSession(session);

        RecordingSink next = new RecordingSink();
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, next);
        assertThat(next.buffered()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m0", 2),
                        org.assertj.core.groups.Tuple.tuple("m1", 1),
                        org.assertj.core.groups.Tuple.tuple("m2", 1),
                        org.assertj.core.groups.Tuple.tuple("m3", 1));
    }

    @Test
    void closingAConnectionReturnsItsSessionsDeliveries() throws Exception {
        BrokerConnection other = fixture.connect();
        long otherSession = fixture.session(other, false);
        RecordingSink sink = new RecordingSink();
        fixture.consumer(other, otherSession, WORK, 10, sink);
        consume(other, sink);

        other.close();

        RecordingSink next = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, next);
        assertThat(next.bufferedBodies()).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void deliveryIdsAreUniqueWithinAConnection() throws Exception {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        fixture.consumer(connection, session, WORK, 10, a);
        fixture.consumer(connection, fixture.session(connection, false), WORK, 10, b);
        send(connection, session, Messages.text(WORK, "m4"));

        var ids = new java.util.ArrayList<Long>();
        a.all().forEach(d -> ids.add(d.deliveryId()));
        b.all().forEach(d -> ids.add(d.deliveryId()));
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    }
}
