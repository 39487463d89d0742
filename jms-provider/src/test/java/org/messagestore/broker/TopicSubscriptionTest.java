package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.send;
import static org.messagestore.broker.BrokerFixture.topicConsumer;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;

/** Topic fan-out, non-durable subscriptions (plain and shared), and noLocal. */
class TopicSubscriptionTest {

    private static final DestinationName NEWS = DestinationName.topic("news");
    private static final DestinationName SPORT = DestinationName.topic("sport");

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

    private long subscribe(BrokerConnection c, long s, DestinationName topic, String name, boolean durable, boolean shared,
                           boolean noLocal, RecordingSink sink) throws JMSException {
        long id = fixture.newId();
        c.createConsumer(topicConsumer(id, s, topic, name, durable, shared, noLocal), sink);
        return id;
    }

    @Test
    void everySubscriptionGetsEachMessage() throws Exception {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        subscribe(connection, session, NEWS, null, false, false, false, a);
        subscribe(connection, session, NEWS, null, false, false, false, b);

        send(connection, session, Messages.text(NEWS, "n1"));
        send(connection, session, Messages.text(NEWS, "n2"));

        assertThat(a.allBodies()).containsExactly("n1", "n2");
        assertThat(b.allBodies()).containsExactly("n1", "n2");
        assertThat(fixture.store.storedMessageCount()).as("non-durable subscriptions skip the store").isZero();
    }

    @Test
    void aMessageSentToATopicWithoutSubscriptionsIsDropped() throws Exception {
        send(connection, session, Messages.text(NEWS, "nobody listens"));
        RecordingSink late = new RecordingSink();
        subscribe(connection, session, NEWS, null, false, false, false, late);

        assertThat(late.all()).isEmpty();
    }

    @Test
    void aNonDurableSubscriptionEndsWithItsConsumer() throws Exception {
        RecordingSink sink = new RecordingSink();
        long consumer = subscribe(connection, session, NEWS, null, false, false, false, sink);
        connection.closeConsumer(consumer);

        send(connection, session, Messages.text(NEWS, "after close"));

        RecordingSink next = new RecordingSink();
        subscribe(connection, session, NEWS, null, false, false, false, next);
        assertThat(next.all()).isEmpty();
    }

    @Test
    void sharedConsumersSplitTheMessagesOfOneSubscription() throws Exception {
        BrokerConnection other = fixture.connect();
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        subscribe(connection, session, NEWS, "workers", false, true, false, a);
        subscribe(other, fixture.session(other, false), NEWS, "workers", false, true, false, b);

        for (int i = 0; i < 4; i++) {
            send(connection, session, Messages.text(NEWS, "n" + i));
        }

        assertThat(a.allBodies()).containsExactly("n0", "n2");
        assertThat(b.allBodies()).containsExactly("n1", "n3");
    }

    @Test
    void aSharedNonDurableSubscriptionIsDeletedWithItsLastConsumerTogetherWithItsMessages() throws Exception {
        RecordingSink first = new RecordingSink();
        long consumer = subscribe(connection, session, NEWS, "workers", false, true, false, first);
        RecordingSink idle = new RecordingSink();
        long idleConsumer = subscribe(connection, session, NEWS, "workers", false, true, false, idle);
        connection.closeConsumer(consumer);
        send(connection, session, Messages.text(NEWS, "kept for the remaining consumer"));
        assertThat(idle.allBodies()).containsExactly("kept for the remaining consumer");

        connection.closeConsumer(idleConsumer);
        RecordingSink later = new RecordingSink();
        subscribe(connection, session, NEWS, "workers", false, true, false, later);

        assertThat(later.all()).isEmpty();
    }

    @Test
    void sharedNonDurableSubscriptionWithADifferentTopicAndActiveConsumersIsRefused() throws Exception {
        subscribe(connection, session, NEWS, "workers", false, true, false, new RecordingSink());

        assertThatThrownBy(() -> subscribe(connection, session, SPORT, "workers", false, true, false, new RecordingSink()))
                .isExactlyInstanceOf(JMSException.class)
                .hasMessageContaining("workers");
    }

    @Test
    void sharedNonDurableSubscriptionsAreKeyedByClientId() throws Exception {
        BrokerConnection other = fixture.connect();
        other.setClientId("other-client");
        RecordingSink mine = new RecordingSink();
        RecordingSink theirs = new RecordingSink();
        subscribe(connection, session, NEWS, "workers", false, true, false, mine);
        subscribe(other, fixture.session(other, false), NEWS, "workers", false, true, false, theirs);

        send(connection, session, Messages.text(NEWS, "n"));

        assertThat(mine.allBodies()).containsExactly("n");
        assertThat(theirs.allBodies()).containsExactly("n");
    }

    @Test
    void noLocalNonDurableSubscriptionSkipsOnlyItsOwnConnectionsMessages() throws Exception {
        BrokerConnection other = fixture.connect();
        long otherSession = fixture.session(other, false);
        RecordingSink sink = new RecordingSink();
        subscribe(connection, session, NEWS, null, false, false, true, sink);

        send(connection, session, Messages.text(NEWS, "own"));
        send(other, otherSession, Messages.text(NEWS, "foreign"));

        assertThat(sink.allBodies()).containsExactly("foreign");
    }

    @Test
    void noLocalDurableSubscriptionSkipsMessagesOfEveryConnectionWithTheSameClientId() throws Exception {
        connection.setClientId("app");
        RecordingSink sink = new RecordingSink();
        long consumer = subscribe(connection, session, NEWS, "audit", true, false, true, sink);
        connection.closeConsumer(consumer);
        connection.close();

        BrokerConnection sameClient = fixture.connect();
        sameClient.setClientId("app");
        long s = fixture.session(sameClient, false);
        BrokerConnection otherClient = fixture.connect();
        long o = fixture.session(otherClient, false);
        send(sameClient, s, Messages.text(NEWS, "from app"));
        send(otherClient, o, Messages.text(NEWS, "from elsewhere"));

        RecordingSink resumed = new RecordingSink();
        subscribe(sameClient, s, NEWS, "audit", true, false, true, resumed);
        assertThat(resumed.allBodies()).containsExactly("from elsewhere");
    }

    @Test
    void durableSubscriptionKeepsPersistentMessagesWhileNoConsumerIsActive() throws Exception {
        connection.setClientId("app");
        long consumer = subscribe(connection, session, NEWS, "audit", true, false, false, new RecordingSink());
        connection.closeConsumer(consumer);

        send(connection, session, Messages.text(NEWS, "while away"));
        send(connection, session, Messages.nonPersistent(NEWS, "fast"));
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);

        RecordingSink resumed = new RecordingSink();
        subscribe(connection, session, NEWS, "audit", true, false, false, resumed);
        assertThat(resumed.allBodies()).containsExactly("while away", "fast");
    }

    @Test
    void aPersistentMessageIsStoredOnceForSeveralDurableSubscriptions() throws Exception {
        connection.setClientId("app");
        subscribe(connection, session, NEWS, "one", true, false, false, new RecordingSink());
        subscribe(connection, session, NEWS, "two", true, true, false, new RecordingSink());

        send(connection, session, Messages.text(NEWS, "n"));

        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
    }
}
