package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/** Message groups on a queue (JMSXGroupID, Jakarta Messaging 3.1, 3.5.9): one consumer per group while it is open. */
class MessageGroupTest {

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

    private static MessageData grouped(String group, String body) {
        return Messages.withProperties(ORDERS, body, Map.of(MessageGroups.GROUP_ID, group));
    }

    private void sendAll(MessageData... messages) throws Exception {
        for (MessageData message : messages) {
            send(connection, session, message);
        }
    }

    private MessageQueue orders() {
        return fixture.broker.queue("orders");
    }

    @Test
    void allMessagesOfAGroupGoToTheConsumerThatGotItsFirstMessage() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 100, first);
        fixture.consumer(connection, session, ORDERS, 100, second);

        sendAll(grouped("A", "a1"), grouped("A", "a2"), grouped("A", "a3"),
                grouped("B", "b1"), grouped("B", "b2"), grouped("B", "b3"));

        await().atMost(Duration.ofSeconds(5)).until(() -> first.all().size() + second.all().size() == 6);
        assertThat(List.of(first.allBodies(), second.allBodies()))
                .containsExactlyInAnyOrder(List.of("a1", "a2", "a3"), List.of("b1", "b2", "b3"));
    }

    @Test
    void messagesWithoutAGroupAreStillSharedRoundRobin() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 100, first);
        fixture.consumer(connection, session, ORDERS, 100, second);

        sendAll(grouped("A", "a1"), Messages.text(ORDERS, "x1"), Messages.text(ORDERS, "x2"),
                Messages.text(ORDERS, "x3"), Messages.text(ORDERS, "x4"));

        await().atMost(Duration.ofSeconds(5)).until(() -> first.all().size() + second.all().size() == 5);
        RecordingSink owner = first.allBodies().contains("a1") ? first : second;
        RecordingSink other = owner == first ? second : first;
        assertThat(owner.allBodies()).containsExactly("a1", "x2", "x4");
        assertThat(other.allBodies()).containsExactly("x1", "x3");
        assertThat(orders().groupCount()).isEqualTo(1);
    }

    @Test
    void aGroupWaitsForItsOwnerWhileOtherMessagesGoOn() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 1, first);
        fixture.consumer(connection, session, ORDERS, 1, second);

        sendAll(grouped("A", "a1"), grouped("A", "a2"), grouped("B", "b1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> first.all().size() + second.all().size() == 2);
        RecordingSink owner = first.allBodies().contains("a1") ? first : second;
        RecordingSink other = owner == first ? second : first;
        assertThat(other.allBodies()).containsExactly("b1");

        BrokerFixture.consume(connection, owner);

        await().atMost(Duration.ofSeconds(5)).until(() -> owner.allBodies().contains("a2"));
        assertThat(other.allBodies()).containsExactly("b1");
    }

    @Test
    void whenTheOwnerClosesTheGroupIsReassignedAndStaysWithItsNewOwner() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        long firstId = fixture.consumer(connection, session, ORDERS, 100, first);
        fixture.consumer(connection, session, ORDERS, 100, second);
        sendAll(grouped("A", "a1"), grouped("A", "a2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.all().size() == 2);
        assertThat(second.all()).isEmpty();

        connection.closeConsumer(firstId);
        // Its unconsumed a1 and a2 come back, and the first of them makes the other consumer A's owner.
        await().atMost(Duration.ofSeconds(5)).until(() -> second.all().size() == 2);
        assertThat(orders().groupCount()).isEqualTo(1);
        sendAll(grouped("A", "a3"));
        RecordingSink third = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 100, third);
        sendAll(grouped("A", "a4"), grouped("A", "a5"));

        await().atMost(Duration.ofSeconds(5)).until(() -> second.all().size() == 5);
        assertThat(second.allBodies()).containsExactly("a1", "a2", "a3", "a4", "a5");
        assertThat(third.all()).isEmpty();
        assertThat(orders().groupCount()).isEqualTo(1);
    }

    @Test
    void closingTheOwnerForgetsItsGroups() throws Exception {
        long consumer = fixture.consumer(connection, session, ORDERS, 100, new RecordingSink());
        sendAll(grouped("A", "a1"), grouped("B", "b1"), grouped("C", "c1"));
        assertThat(orders().groupCount()).isEqualTo(3);

        connection.closeConsumer(consumer);

        assertThat(orders().groupCount()).isZero();
    }

    @Test
    void aNegativeGroupSequenceClosesTheGroup() throws Exception {
        fixture.consumer(connection, session, ORDERS, 100, new RecordingSink());
        sendAll(grouped("A", "a1"));
        assertThat(orders().groupCount()).isEqualTo(1);

        sendAll(Messages.withProperties(ORDERS, "a-last", Map.of(MessageGroups.GROUP_ID, "A", MessageGroups.GROUP_SEQ, -1)));

        await().atMost(Duration.ofSeconds(5)).until(() -> orders().groupCount() == 0);
    }
}
