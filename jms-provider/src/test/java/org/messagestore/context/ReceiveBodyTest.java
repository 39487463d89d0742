package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** JMSConsumer.receiveBody and its rules for bodies that cannot be returned. */
class ReceiveBodyTest {

    private static final long RECEIVE_TIMEOUT = 5_000;
    private static final long NOTHING_EXPECTED_TIMEOUT = 300;

    private final OpenContexts contexts = new OpenContexts("context-receive-body");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void returnsTheBodyOfEachSupportedMessageType(TestInfo test) {
        JMSContext context = contexts.open();
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        var producer = context.createProducer();

        producer.send(queue, "text");
        producer.send(queue, Map.<String, Object>of("k", 1));
        producer.send(queue, new byte[] {7});
        producer.send(queue, LocalDate.of(2020, 1, 1));

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("text");
        Map<?, ?> map = consumer.receiveBody(Map.class, RECEIVE_TIMEOUT);
        assertThat(map.get("k")).isEqualTo(1);
        assertThat(consumer.receiveBody(byte[].class, RECEIVE_TIMEOUT)).containsExactly(7);
        assertThat(consumer.receiveBody(Serializable.class, RECEIVE_TIMEOUT)).isEqualTo(LocalDate.of(2020, 1, 1));
    }

    @Test
    void returnsNullWhenNoMessageArrives(TestInfo test) {
        JMSContext context = contexts.open();
        JMSConsumer consumer = context.createConsumer(queue(context, test));

        assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
        assertThat(consumer.receiveBody(String.class, NOTHING_EXPECTED_TIMEOUT)).isNull();
    }

    @Test
    void waitsForTheNextMessageWithoutTimeout(TestInfo test) {
        JMSContext context = contexts.open();
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "eventually");

        assertThat(consumer.receiveBody(String.class)).isEqualTo("eventually");
    }

    @Test
    void wrongTypeInAutoAcknowledgeHandsTheSameMessageOutAgainFirst(TestInfo test) {
        JMSContext context = contexts.open(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "first");
        context.createProducer().send(queue, "second");

        assertThatThrownBy(() -> consumer.receiveBody(Integer.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("first");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("second");
    }

    @Test
    void failedBodyInAutoAcknowledgeIsKeptWhenTheConsumerCloses(TestInfo test) {
        JMSContext context = contexts.open(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "not a number");

        assertThatThrownBy(() -> consumer.receiveBody(Integer.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);
        consumer.close();

        JMSConsumer next = context.createConsumer(queue);
        assertThat(next.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("not a number");
    }

    @Test
    void failedBodyInAutoAcknowledgeIsNotMarkedRedelivered(TestInfo test) throws Exception {
        JMSContext context = contexts.open(JMSContext.DUPS_OK_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "once");

        assertThatThrownBy(() -> consumer.receiveBody(byte[].class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);

        Message again = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(again.getBody(String.class)).isEqualTo("once");
        assertThat(again.getJMSRedelivered()).isFalse();
    }

    @Test
    void streamMessagesAndMessagesWithoutBodyAreRejected(TestInfo test) throws Exception {
        JMSContext context = contexts.open();
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        StreamMessage stream = context.createStreamMessage();
        stream.writeString("s");
        context.createProducer().send(queue, stream);
        context.createProducer().send(queue, context.createMessage());
        context.createProducer().send(queue, (String) null);

        assertThatThrownBy(() -> consumer.receiveBody(Object.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(consumer.receive(RECEIVE_TIMEOUT)).isInstanceOf(StreamMessage.class);

        assertThatThrownBy(() -> consumer.receiveBody(Object.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(consumer.receive(RECEIVE_TIMEOUT)).isNotNull();

        assertThatThrownBy(() -> consumer.receiveBody(String.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class)
                .hasMessageContaining("no body");
    }

    @Test
    void wrongTypeInClientAcknowledgeConsumesTheMessageUntilRecover(TestInfo test) throws Exception {
        JMSContext context = contexts.open(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "client");

        assertThatThrownBy(() -> consumer.receiveBody(Long.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();

        context.recover();

        Message redelivered = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(redelivered.getBody(String.class)).isEqualTo("client");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        context.acknowledge();
    }

    @Test
    void wrongTypeInTransactedContextConsumesTheMessageUntilRollback(TestInfo test) throws Exception {
        JMSContext context = contexts.open(JMSContext.SESSION_TRANSACTED);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "tx");
        context.commit();

        assertThatThrownBy(() -> consumer.receiveBody(Map.class, RECEIVE_TIMEOUT))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();

        context.rollback();

        Message redelivered = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(redelivered.getBody(String.class)).isEqualTo("tx");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        context.commit();
    }

    private static Queue queue(JMSContext context, TestInfo test) {
        return context.createQueue("receive-body-" + test.getTestMethod().orElseThrow().getName());
    }
}
