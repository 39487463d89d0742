package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A context starts its connection when it creates a consumer, unless autoStart is off. */
class AutoStartTest {

    private static final long RECEIVE_TIMEOUT = 5_000;
    private static final long NOTHING_EXPECTED_TIMEOUT = 300;

    private final OpenContexts contexts = new OpenContexts("context-autostart");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void creatingAConsumerStartsDeliveryByDefault() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("autostart-default");
        context.createProducer().send(queue, "sent before the consumer");

        assertThat(context.getAutoStart()).isTrue();
        JMSConsumer consumer = context.createConsumer(queue);

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("sent before the consumer");
    }

    @Test
    void withAutoStartOffNothingArrivesUntilStart() {
        JMSContext context = contexts.open();
        context.setAutoStart(false);
        Queue queue = context.createQueue("autostart-off");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "held");

        assertThat(context.getAutoStart()).isFalse();
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();

        context.start();

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("held");
    }

    @Test
    void stopPausesDeliveryAndStartResumesIt() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("autostart-stop");
        JMSConsumer consumer = context.createConsumer(queue);

        context.stop();
        context.createProducer().send(queue, "paused");
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();

        context.start();
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("paused");
    }
}
