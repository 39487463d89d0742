package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** JMSProducer sends every body type, applying its options, headers and properties to each message. */
class SendAndReceiveBodiesTest {

    private static final long RECEIVE_TIMEOUT = 5_000;

    private final OpenContexts contexts = new OpenContexts("context-bodies");
    private JMSContext context;
    private Queue queue;
    private JMSConsumer consumer;

    @BeforeEach
    void open(TestInfo test) {
        context = contexts.open();
        queue = context.createQueue("bodies-" + test.getTestMethod().orElseThrow().getName());
        consumer = context.createConsumer(queue);
    }

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void textMessageCarriesFluentSendOptionsHeadersAndProperties() throws Exception {
        Queue replyTo = context.createQueue("bodies-replies");
        long before = System.currentTimeMillis();

        context.createProducer()
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setPriority(7)
                .setTimeToLive(60_000)
                .setJMSType("order")
                .setJMSCorrelationID("corr-1")
                .setJMSReplyTo(replyTo)
                .setProperty("region", "emea")
                .setProperty("count", 3)
                .setProperty("urgent", true)
                .send(queue, "hello");

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("hello");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSExpiration()).isGreaterThanOrEqualTo(before + 60_000);
        assertThat(received.getJMSType()).isEqualTo("order");
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
        assertThat(received.getStringProperty("region")).isEqualTo("emea");
        assertThat(received.getIntProperty("count")).isEqualTo(3);
        assertThat(received.getBooleanProperty("urgent")).isTrue();
        assertThat(received.getJMSMessageID()).startsWith("ID:");
    }

    @Test
    void defaultsArePersistentPriorityFourAndNoExpiry() throws Exception {
        context.createProducer().send(queue, "defaults");

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(4);
        assertThat(received.getJMSExpiration()).isZero();
    }

    @Test
    void mapBodyArrivesAsMapMessage() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", 42);
        body.put("name", "widget");

        context.createProducer().send(queue, body);

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received).isInstanceOf(MapMessage.class);
        assertThat(((MapMessage) received).getInt("id")).isEqualTo(42);
        Map<?, ?> receivedBody = received.getBody(Map.class);
        assertThat(receivedBody.get("id")).isEqualTo(42);
        assertThat(receivedBody.get("name")).isEqualTo("widget");
    }

    @Test
    void byteArrayBodyArrivesAsBytesMessage() throws Exception {
        context.createProducer().send(queue, new byte[] {1, 2, 3});

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received).isInstanceOf(BytesMessage.class);
        assertThat(received.getBody(byte[].class)).containsExactly(1, 2, 3);
    }

    @Test
    void serializableBodyArrivesAsObjectMessage() throws Exception {
        LocalDate date = LocalDate.of(2024, 2, 29);

        context.createProducer().send(queue, date);

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received).isInstanceOf(ObjectMessage.class);
        assertThat(((ObjectMessage) received).getObject()).isEqualTo(date);
    }

    @Test
    void nullBodiesStillSendAnEmptyMessageOfTheNamedType() throws Exception {
        var producer = context.createProducer();
        producer.send(queue, (String) null);
        producer.send(queue, (Map<String, Object>) null);
        producer.send(queue, (byte[]) null);
        producer.send(queue, (Serializable) null);

        TextMessage text = (TextMessage) consumer.receive(RECEIVE_TIMEOUT);
        assertThat(text.getText()).isNull();
        MapMessage map = (MapMessage) consumer.receive(RECEIVE_TIMEOUT);
        assertThat(map.getMapNames().hasMoreElements()).isFalse();
        BytesMessage bytes = (BytesMessage) consumer.receive(RECEIVE_TIMEOUT);
        assertThat(bytes.getBodyLength()).isZero();
        ObjectMessage object = (ObjectMessage) consumer.receive(RECEIVE_TIMEOUT);
        assertThat(object.getObject()).isNull();
    }

    @Test
    void producerPropertiesAndHeadersOverrideThoseOnTheMessage() throws Exception {
        TextMessage message = context.createTextMessage("override");
        message.setStringProperty("region", "us");
        message.setStringProperty("kept", "yes");
        message.setJMSType("original");

        context.createProducer().setProperty("region", "emea").setJMSType("replaced").send(queue, message);

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received.getStringProperty("region")).isEqualTo("emea");
        assertThat(received.getStringProperty("kept")).isEqualTo("yes");
        assertThat(received.getJMSType()).isEqualTo("replaced");
    }

    @Test
    void deliveryDelaySetsTheDeliveryTime() throws Exception {
        long before = System.currentTimeMillis();

        context.createProducer().setDeliveryDelay(200).send(queue, "later");

        Message received = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(received).isNotNull();
        assertThat(received.getJMSDeliveryTime()).isGreaterThanOrEqualTo(before + 200);
    }

    @Test
    void asyncSendNotifiesTheCompletionListener() throws Exception {
        AtomicReference<Message> completed = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.set(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                failed.set(exception);
            }
        };

        var producer = context.createProducer().setAsync(listener);
        assertThat(producer.getAsync()).isSameAs(listener);
        producer.send(queue, "async");

        await().atMost(Duration.ofSeconds(5)).until(() -> completed.get() != null || failed.get() != null);
        assertThat(failed.get()).isNull();
        assertThat(((TextMessage) completed.get()).getText()).isEqualTo("async");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("async");
    }

    @Test
    void topicSubscribersEachReceiveAPublishedMessage() {
        var topic = context.createTopic("bodies-topic");
        JMSConsumer first = context.createConsumer(topic);
        JMSConsumer second = context.createConsumer(topic);

        context.createProducer().send(topic, "news");

        assertThat(first.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("news");
        assertThat(second.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("news");
    }
}
