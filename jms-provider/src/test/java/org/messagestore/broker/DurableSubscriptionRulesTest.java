package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;

/**
 * The rules of the Session javadoc for createDurableConsumer, createSharedDurableConsumer,
 * createSharedConsumer and unsubscribe, case by case.
 */
class DurableSubscriptionRulesTest {

    private static final DestinationName NEWS = DestinationName.topic("news");
    private static final DestinationName SPORT = DestinationName.topic("sport");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long session;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        connection = fixture.connect();
        connection.setClientId("app");
        session = fixture.session(connection, false);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private long durable(DestinationName topic, String name, boolean noLocal, RecordingSink sink) throws JMSException {
        return create(topic, name, true, false, noLocal, sink);
    }

    private long sharedDurable(DestinationName topic, String name, RecordingSink sink) throws JMSException {
        return create(topic, name, true, true, false, sink);
    }

    private long create(DestinationName topic, String name, boolean durable, boolean shared, boolean noLocal, RecordingSink sink)
            throws JMSException {
        long id = fixture.newId();
        connection.createConsumer(new ConsumerSpec(id, session, topic, null, noLocal, name, durable, shared, 100), sink);
        return id;
    }

    @Test
    void sameNameTopicAndOptionsWithoutActiveConsumerReusesTheSubscription() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        send(connection, session, Messages.text(NEWS, "kept"));

        RecordingSink sink = new RecordingSink();
        durable(NEWS, "audit", false, sink);

        assertThat(sink.allBodies()).containsExactly("kept");
    }

    @Test
    void unsharedDurableSubscriptionWithAnActiveConsumerRefusesASecondOne() throws Exception {
        durable(NEWS, "audit", false, new RecordingSink());

        assertThatThrownBy(() -> durable(NEWS, "audit", false, new RecordingSink()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audit").hasMessageContaining("active consumer");
    }

    @Test
    void differentTopicWithoutActiveConsumerReplacesTheSubscriptionAndDropsItsMessages() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        send(connection, session, Messages.text(NEWS, "old"));

        RecordingSink sink = new RecordingSink();
        durable(SPORT, "audit", false, sink);
        send(connection, session, Messages.text(NEWS, "news after"));
        send(connection, session, Messages.text(SPORT, "sport after"));

        assertThat(sink.allBodies()).containsExactly("sport after");
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
    }

    @Test
    void differentNoLocalWithoutActiveConsumerReplacesTheSubscription() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        send(connection, session, Messages.text(NEWS, "old"));

        RecordingSink sink = new RecordingSink();
        durable(NEWS, "audit", true, sink);

        assertThat(sink.all()).isEmpty();
    }

    @Test
    void sharedDurableConsumersShareOneSubscription() throws Exception {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        sharedDurable(NEWS, "pool", a);
        sharedDurable(NEWS, "pool", b);

        send(connection, session, Messages.text(NEWS, "n0"));
        send(connection, session, Messages.text(NEWS, "n1"));

        assertThat(a.allBodies()).containsExactly("n0");
        assertThat(b.allBodies()).containsExactly("n1");
    }

    @Test
    void sharedDurableWithADifferentTopicAndAnActiveConsumerIsRefused() throws Exception {
        sharedDurable(NEWS, "pool", new RecordingSink());

        assertThatThrownBy(() -> sharedDurable(SPORT, "pool", new RecordingSink()))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("pool");
    }

    @Test
    void sharedDurableWithADifferentTopicAndNoActiveConsumerIsReplaced() throws Exception {
        connection.closeConsumer(sharedDurable(NEWS, "pool", new RecordingSink()));
        send(connection, session, Messages.text(NEWS, "old"));

        RecordingSink sink = new RecordingSink();
        sharedDurable(SPORT, "pool", sink);

        assertThat(sink.all()).isEmpty();
        assertThat(fixture.store.storedMessageCount()).isZero();
    }

    @Test
    void unsharedAndSharedDurableSubscriptionsCannotShareANameAndClientId() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        connection.closeConsumer(sharedDurable(NEWS, "pool", new RecordingSink()));

        assertThatThrownBy(() -> sharedDurable(NEWS, "audit", new RecordingSink()))
                .isExactlyInstanceOf(JMSException.class).hasMessageContaining("audit");
        assertThatThrownBy(() -> durable(NEWS, "pool", false, new RecordingSink()))
                .isExactlyInstanceOf(JMSException.class).hasMessageContaining("pool");
    }

    @Test
    void durableAndSharedNonDurableSubscriptionsWithTheSameNameAreSeparate() throws Exception {
        RecordingSink durableSink = new RecordingSink();
        RecordingSink sharedSink = new RecordingSink();
        durable(NEWS, "same", false, durableSink);
        create(NEWS, "same", false, true, false, sharedSink);

        send(connection, session, Messages.text(NEWS, "n"));

        assertThat(durableSink.allBodies()).containsExactly("n");
        assertThat(sharedSink.allBodies()).containsExactly("n");
    }

    @Test
    void unsharedDurableSubscriptionWithoutClientIdIsRefused() throws Exception {
        BrokerConnection anonymous = fixture.connect();
        long s = fixture.session(anonymous, false);
        ConsumerSpec spec = new ConsumerSpec(fixture.newId(), s, NEWS, null, false, "audit", true, false, 10);

        assertThatThrownBy(() -> anonymous.createConsumer(spec, new RecordingSink()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client id");
    }

    @Test
    void sharedDurableSubscriptionWithoutClientIdIsAllowed() throws Exception {
        BrokerConnection anonymous = fixture.connect();
        long s = fixture.session(anonymous, false);
        RecordingSink sink = new RecordingSink();
        anonymous.createConsumer(new ConsumerSpec(fixture.newId(), s, NEWS, null, false, "pool", true, true, 10), sink);

        send(anonymous, s, Messages.text(NEWS, "n"));

        assertThat(sink.allBodies()).containsExactly("n");
    }

    @Test
    void durableSubscriptionOnATemporaryTopicIsRefused() throws Exception {
        DestinationName temporary = new DestinationName(DestinationName.Kind.TEMPORARY_TOPIC, "tmp-1");
        connection.createTemporaryDestination(temporary);

        assertThatThrownBy(() -> durable(temporary, "audit", false, new RecordingSink()))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void unsubscribeDeletesTheSubscriptionAndItsMessages() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        send(connection, session, Messages.text(NEWS, "pending"));

        connection.unsubscribe("audit");

        assertThat(fixture.store.storedMessageCount()).isZero();
        RecordingSink sink = new RecordingSink();
        durable(NEWS, "audit", false, sink);
        assertThat(sink.all()).isEmpty();
    }

    @Test
    void unsubscribeOfAnUnknownSubscriptionFails() {
        assertThatThrownBy(() -> connection.unsubscribe("nope"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("nope");
    }

    @Test
    void unsubscribeWhileAConsumerIsActiveFails() throws Exception {
        durable(NEWS, "audit", false, new RecordingSink());

        assertThatThrownBy(() -> connection.unsubscribe("audit"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("active consumer");
    }

    @Test
    void unsubscribeWithUnacknowledgedMessagesFails() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = durable(NEWS, "audit", false, sink);
        send(connection, session, Messages.text(NEWS, "n"));
        consume(connection, sink);
        connection.closeConsumer(consumer);

        assertThatThrownBy(() -> connection.unsubscribe("audit"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("acknowledged");

        connection.acknowledge(session);
        connection.unsubscribe("audit");
    }

    @Test
    void unsubscribeOnlySeesTheSubscriptionsOfItsOwnClientId() throws Exception {
        connection.closeConsumer(durable(NEWS, "audit", false, new RecordingSink()));
        BrokerConnection other = fixture.connect();
        other.setClientId("other");

        assertThatThrownBy(() -> other.unsubscribe("audit")).isInstanceOf(InvalidDestinationException.class);
    }
}
