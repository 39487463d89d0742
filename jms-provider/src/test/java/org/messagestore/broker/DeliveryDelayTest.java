package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/** Delivery delay (Jakarta Messaging 3.1, 7.9): no delivery, and no browsing, before JMSDeliveryTime. */
class DeliveryDelayTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName NEWS = DestinationName.topic("news");
    private static final long DELAY = 700;

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

    /** Asserts nothing arrives for a while, then that the message arrives, not before {@code deliveryTime}. */
    private static void assertArrivesOnlyAfter(RecordingSink sink, long deliveryTime, String body) {
        await().during(Duration.ofMillis(DELAY / 2)).atMost(Duration.ofMillis(DELAY)).until(() -> sink.all().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> !sink.all().isEmpty());
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliveryTime);
        assertThat(sink.allBodies()).containsExactly(body);
    }

    @Test
    void aDelayedMessageIsDeliveredOnlyWhenItsDeliveryTimeHasCome() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);
        long deliveryTime = System.currentTimeMillis() + DELAY;

        send(connection, session, Messages.deliverAt(ORDERS, "later", deliveryTime));

        assertArrivesOnlyAfter(sink, deliveryTime, "later");
    }

    @Test
    void aLaterMessageWithoutDelayOvertakesAHeldOne() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);

        send(connection, session, Messages.deliverAt(ORDERS, "delayed", System.currentTimeMillis() + DELAY));
        send(connection, session, Messages.text(ORDERS, "now"));

        assertThat(consume(connection, sink)).isEqualTo("now");
        assertThat(consume(connection, sink)).isEqualTo("delayed");
        assertThat(sink.allBodies()).containsExactly("now", "delayed");
    }

    @Test
    void aHeldMessageIsNotBrowsedBeforeItsDeliveryTime() throws Exception {
        send(connection, session, Messages.deliverAt(ORDERS, "delayed", System.currentTimeMillis() + DELAY));
        send(connection, session, Messages.text(ORDERS, "now"));

        long early = fixture.newId();
        connection.createBrowser(early, session, ORDERS, null);
        assertThat(connection.browseNext(early, 10)).extracting(Messages::body).containsExactly("now");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            long late = fixture.newId();
            connection.createBrowser(late, session, ORDERS, null);
            assertThat(connection.browseNext(late, 10)).extracting(Messages::body).containsExactly("delayed", "now");
            connection.closeBrowser(late);
        });
    }

    @Test
    void aTopicMessageIsHeldInTheSubscriptionsThatExistedAtSendTime() throws Exception {
        RecordingSink early = new RecordingSink();
        connection.createConsumer(BrokerFixture.topicConsumer(fixture.newId(), session, NEWS, null, false, false, false), early);
        long deliveryTime = System.currentTimeMillis() + DELAY;

        send(connection, session, Messages.deliverAt(NEWS, "later", deliveryTime));
        RecordingSink late = new RecordingSink();
        connection.createConsumer(BrokerFixture.topicConsumer(fixture.newId(), session, NEWS, null, false, false, false), late);

        assertArrivesOnlyAfter(early, deliveryTime, "later");
        assertThat(late.all()).isEmpty();
    }

    @Test
    void aDelayedMessageSentInATransactionIsHeldAfterCommitUntilItsDeliveryTime() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);
        long transacted = fixture.session(connection, true);
        long deliveryTime = System.currentTimeMillis() + DELAY;

        send(connection, transacted, Messages.deliverAt(ORDERS, "later", deliveryTime));
        connection.commit(transacted);

        assertArrivesOnlyAfter(sink, deliveryTime, "later");
    }

    @Test
    void aHeldMessageSurvivesARestartAndIsDeliveredWhenDue() throws Exception {
        InMemoryStore store = new InMemoryStore();
        String name = BrokerFixture.uniqueName();
        long deliveryTime = System.currentTimeMillis() + DELAY;
        try {
            try (Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
                BrokerConnection c = broker.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                send(c, 1, Messages.deliverAt(ORDERS, "later", deliveryTime));
            }
            try (Broker restarted = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
                BrokerConnection c = restarted.connect(null, null, null);
                c.setStarted(true);
                c.createSession(1, false);
                RecordingSink sink = new RecordingSink();
                c.createConsumer(BrokerFixture.queueConsumer(1, 1, ORDERS, 10), sink);
                await().atMost(Duration.ofSeconds(5)).until(() -> !sink.all().isEmpty());
                assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliveryTime);
                assertThat(sink.allBodies()).containsExactly("later");
            }
        } finally {
            store.close();
        }
    }

    @Test
    void theSchedulerThreadIsNamedForTheBrokerAndStopsWithIt() throws Exception {
        send(connection, session, Messages.deliverAt(ORDERS, "later", System.currentTimeMillis() + 60_000));
        String threadName = "messagestore-scheduler-" + fixture.broker.name();
        assertThat(threadNames()).contains(threadName);

        fixture.broker.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !threadNames().contains(threadName));
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
