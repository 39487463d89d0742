package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer and browser factory methods of JMSContext: durable, shared and selecting consumers,
 * browsers, temporary topics and unsubscribe, with the classic API's errors as runtime exceptions.
 */
class ContextConsumerKindsTest {

    private static final long RECEIVE_TIMEOUT = 5_000;
    private static final long NOTHING_EXPECTED_TIMEOUT = 300;

    private final OpenContexts contexts = new OpenContexts("context-consumer-kinds");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void selectorFiltersMessagesAndIsReportedBack() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("kinds-selector");
        JMSConsumer consumer = context.createConsumer(queue, "color = 'red'");

        context.createProducer().setProperty("color", "blue").send(queue, "blue");
        context.createProducer().setProperty("color", "red").send(queue, "red");

        assertThat(consumer.getMessageSelector()).isEqualTo("color = 'red'");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("red");
    }

    @Test
    void invalidSelectorThrowsInvalidSelectorRuntimeException() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("kinds-bad-selector");

        assertThatThrownBy(() -> context.createConsumer(queue, "color = = 'red'"))
                .isInstanceOf(InvalidSelectorRuntimeException.class);
    }

    @Test
    void nullDestinationThrowsInvalidDestinationRuntimeException() {
        JMSContext context = contexts.open();

        assertThatThrownBy(() -> context.createConsumer(null)).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @Test
    void durableConsumerKeepsMessagesWhileClosedUntilUnsubscribed() {
        JMSContext context = contexts.open();
        context.setClientID("kinds-durable-client");
        Topic topic = context.createTopic("kinds-durable");
        JMSConsumer durable = context.createDurableConsumer(topic, "audit");
        durable.close();

        context.createProducer().send(topic, "while away");

        JMSConsumer again = context.createDurableConsumer(topic, "audit");
        assertThat(again.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("while away");
        again.close();
        context.unsubscribe("audit");
        assertThatThrownBy(() -> context.unsubscribe("audit")).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @Test
    void unsharedDurableConsumerNeedsAClientId() {
        JMSContext context = contexts.open();

        assertThatThrownBy(() -> context.createDurableConsumer(context.createTopic("kinds-no-id"), "sub"))
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void sharedConsumersSplitTheMessagesOfOneSubscription() {
        JMSContext context = contexts.open();
        Topic topic = context.createTopic("kinds-shared");
        JMSConsumer first = context.createSharedConsumer(topic, "workers");
        JMSConsumer second = context.createSharedConsumer(topic, "workers");

        for (int i = 0; i < 4; i++) {
            context.createProducer().send(topic, "job " + i);
        }

        int received = 0;
        for (JMSConsumer consumer : List.of(first, second)) {
            while (consumer.receive(NOTHING_EXPECTED_TIMEOUT) != null) {
                received++;
            }
        }
        assertThat(received).isEqualTo(4);
    }

    @Test
    void sharedDurableConsumerSurvivesHavingNoConsumers() {
        JMSContext context = contexts.open();
        Topic topic = context.createTopic("kinds-shared-durable");
        context.createSharedDurableConsumer(topic, "archive", "kind = 'keep'").close();

        context.createProducer().setProperty("kind", "keep").send(topic, "kept");
        context.createProducer().setProperty("kind", "drop").send(topic, "dropped");

        JMSConsumer consumer = context.createSharedDurableConsumer(topic, "archive", "kind = 'keep'");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("kept");
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();
        consumer.close();
        context.unsubscribe("archive");
    }

    @Test
    void browserSeesQueuedMessagesWithoutConsumingThem() throws Exception {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("kinds-browser");
        context.createProducer().send(queue, "a");
        context.createProducer().send(queue, "b");

        List<String> browsed;
        try (QueueBrowser browser = context.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            browsed = Collections.list(messages).stream().map(m -> body((Message) m)).toList();
        }

        assertThat(browsed).containsExactly("a", "b");
        assertThat(context.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("a");
    }

    @Test
    void temporaryTopicDeliversToItsSubscribers() {
        JMSContext context = contexts.open();
        TemporaryTopic topic = context.createTemporaryTopic();
        JMSConsumer consumer = context.createConsumer(topic);

        context.createProducer().send(topic, "temporary");

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("temporary");
    }

    @Test
    void messageListenerReceivesAsynchronously() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("kinds-listener");
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        JMSConsumer consumer = context.createConsumer(queue);
        consumer.setMessageListener(m -> bodies.add(body(m)));

        context.createProducer().send(queue, "pushed");

        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.contains("pushed"));
        assertThat(consumer.getMessageListener()).isNotNull();
    }

    private static String body(Message message) {
        try {
            return message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
