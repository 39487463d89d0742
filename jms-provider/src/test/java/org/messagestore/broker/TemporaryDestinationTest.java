package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.model.DestinationName.Kind;

/** Temporary queues and topics (Jakarta Messaging 3.1, 6.2.3 "Creating temporary destinations"). */
class TemporaryDestinationTest {

    private static final DestinationName REPLIES = new DestinationName(Kind.TEMPORARY_QUEUE, "tmp-replies");
    private static final DestinationName EVENTS = new DestinationName(Kind.TEMPORARY_TOPIC, "tmp-events");

    private BrokerFixture fixture;
    private BrokerConnection owner;
    private long ownerSession;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        owner = fixture.connect();
        ownerSession = fixture.session(owner, false);
        owner.createTemporaryDestination(REPLIES);
        owner.createTemporaryDestination(EVENTS);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anyConnectionMaySendToATemporaryQueueAndItsOwnerReceives() throws Exception {
        BrokerConnection requester = fixture.connect();
        send(requester, fixture.session(requester, false), Messages.text(REPLIES, "reply"));

        RecordingSink sink = new RecordingSink();
        fixture.consumer(owner, ownerSession, REPLIES, 10, sink);

        assertThat(sink.allBodies()).containsExactly("reply");
        assertThat(fixture.store.storedMessageCount()).as("temporary destinations are not stored").isZero();
    }

    @Test
    void onlyTheCreatingConnectionMayConsume() throws Exception {
        BrokerConnection other = fixture.connect();
        long s = fixture.session(other, false);

        assertThatThrownBy(() -> fixture.consumer(other, s, REPLIES, 10, new RecordingSink()))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("tmp-replies");
        assertThatThrownBy(() -> other.createConsumer(
                new ConsumerSpec(fixture.newId(), s, EVENTS, null, false, null, false, false, 10), new RecordingSink()))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("tmp-events");
    }

    @Test
    void deletingATemporaryQueueWithAnActiveConsumerFails() throws Exception {
        long consumer = fixture.consumer(owner, ownerSession, REPLIES, 10, new RecordingSink());

        assertThatThrownBy(() -> owner.deleteTemporaryDestination(REPLIES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tmp-replies");

        owner.closeConsumer(consumer);
        owner.deleteTemporaryDestination(REPLIES);
    }

    @Test
    void deletingATemporaryTopicWithAnActiveConsumerFails() throws Exception {
        owner.createConsumer(new ConsumerSpec(fixture.newId(), ownerSession, EVENTS, null, false, null, false, false, 10),
                new RecordingSink());

        assertThatThrownBy(() -> owner.deleteTemporaryDestination(EVENTS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendingToOrConsumingFromADeletedTemporaryDestinationFails() throws Exception {
        owner.deleteTemporaryDestination(REPLIES);

        assertThatThrownBy(() -> owner.send(ownerSession, Messages.text(REPLIES, "late")).join())
                .hasCauseInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> fixture.consumer(owner, ownerSession, REPLIES, 10, new RecordingSink()))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void temporaryDestinationsEndWithTheirConnection() throws Exception {
        BrokerConnection other = fixture.connect();
        long s = fixture.session(other, false);
        owner.close();

        assertThatThrownBy(() -> other.send(s, Messages.text(REPLIES, "late")).join())
                .hasCauseInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> other.send(s, Messages.text(EVENTS, "late")).join())
                .hasCauseInstanceOf(InvalidDestinationException.class);
    }
}
