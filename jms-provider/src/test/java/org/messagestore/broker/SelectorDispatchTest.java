package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.InvalidSelectorException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/** Message selectors on queue consumers and topic subscriptions (Jakarta Messaging 3.1, 3.8). */
class SelectorDispatchTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final DestinationName NEWS = DestinationName.topic("news");

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

    private static MessageData colored(DestinationName destination, String body, String color) {
        return Messages.withProperties(destination, body, Map.of("color", color));
    }

    private RecordingSink queueConsumer(String selector) throws Exception {
        RecordingSink sink = new RecordingSink();
        connection.createConsumer(new ConsumerSpec(fixture.newId(), session, ORDERS, selector, false, null, false, false, 10), sink);
        return sink;
    }

    private RecordingSink subscriber(String name, boolean durable, String selector) throws Exception {
        RecordingSink sink = new RecordingSink();
        connection.createConsumer(new ConsumerSpec(fixture.newId(), session, NEWS, selector, false, name, durable, false, 10), sink);
        return sink;
    }

    @Test
    void aQueueConsumerGetsOnlyMatchingMessagesAndOthersStayForOtherConsumers() throws Exception {
        RecordingSink red = queueConsumer("color = 'red'");
        send(connection, session, colored(ORDERS, "blue-1", "blue"));
        send(connection, session, colored(ORDERS, "red-1", "red"));
        send(connection, session, colored(ORDERS, "blue-2", "blue"));
        send(connection, session, colored(ORDERS, "red-2", "red"));

        assertThat(red.allBodies()).containsExactly("red-1", "red-2");
        assertThat(fixture.broker.queue("orders").pendingCount()).isEqualTo(2);

        RecordingSink any = queueConsumer(null);
        assertThat(any.allBodies()).containsExactly("blue-1", "blue-2");
    }

    @Test
    void aNonMatchingHeadDoesNotBlockMatchingMessagesBehindIt() throws Exception {
        send(connection, session, colored(ORDERS, "blue", "blue"));
        send(connection, session, colored(ORDERS, "red", "red"));

        RecordingSink red = queueConsumer("color = 'red'");

        assertThat(consume(connection, red)).isEqualTo("red");
    }

    @Test
    void messagesGoToTheConsumerWhoseSelectorTheyMatch() throws Exception {
        RecordingSink red = queueConsumer("color = 'red'");
        RecordingSink blue = queueConsumer("color = 'blue'");
        for (int i = 0; i < 3; i++) {
            send(connection, session, colored(ORDERS, "red-" + i, "red"));
            send(connection, session, colored(ORDERS, "blue-" + i, "blue"));
        }

        assertThat(red.allBodies()).containsExactly("red-0", "red-1", "red-2");
        assertThat(blue.allBodies()).containsExactly("blue-0", "blue-1", "blue-2");
    }

    @Test
    void headerFieldsCanBeSelected() throws Exception {
        RecordingSink urgent = queueConsumer("JMSPriority > 6");
        send(connection, session, Messages.withPriority(ORDERS, "normal", 4));
        send(connection, session, Messages.withPriority(ORDERS, "urgent", 9));

        assertThat(urgent.allBodies()).containsExactly("urgent");
    }

    @Test
    void aTopicSubscriptionHoldsOnlyMessagesMatchingItsSelectorAtSendTime() throws Exception {
        RecordingSink red = subscriber(null, false, "color = 'red'");
        RecordingSink all = subscriber(null, false, null);

        send(connection, session, colored(NEWS, "blue", "blue"));
        send(connection, session, colored(NEWS, "red", "red"));

        assertThat(red.allBodies()).containsExactly("red");
        assertThat(all.allBodies()).containsExactly("blue", "red");
    }

    @Test
    void aDurableSubscriptionKeepsOnlyMatchingMessagesWhileItHasNoConsumer() throws Exception {
        connection.setClientId("selector-client");
        long consumer = fixture.newId();
        connection.createConsumer(new ConsumerSpec(consumer, session, NEWS, "color = 'red'", false, "reds", true, false, 10),
                new RecordingSink());
        connection.closeConsumer(consumer);

        send(connection, session, colored(NEWS, "blue", "blue"));
        send(connection, session, colored(NEWS, "red", "red"));

        assertThat(subscriber("reds", true, "color = 'red'").allBodies()).containsExactly("red");
    }

    @Test
    void aDurableSubscriptionWithAnotherSelectorStringIsANewSubscription() throws Exception {
        connection.setClientId("selector-client");
        long consumer = fixture.newId();
        connection.createConsumer(new ConsumerSpec(consumer, session, NEWS, "color = 'red'", false, "sub", true, false, 10),
                new RecordingSink());
        connection.closeConsumer(consumer);
        send(connection, session, colored(NEWS, "red", "red"));

        // Session.createDurableConsumer javadoc: a different selector replaces the subscription.
        assertThat(subscriber("sub", true, "color='red'").allBodies()).isEmpty();
    }

    @Test
    void invalidSelectorsAreRejectedForConsumersSubscriptionsAndBrowsers() {
        assertThatThrownBy(() -> queueConsumer("color = = 'red'")).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> subscriber(null, false, "a >")).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> connection.createBrowser(fixture.newId(), session, ORDERS, "((a = 1)"))
                .isInstanceOf(InvalidSelectorException.class);
    }
}
