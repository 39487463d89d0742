package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Transacted, client-acknowledge, auto-acknowledge and dups-ok contexts. */
class SessionModesTest {

    private static final long RECEIVE_TIMEOUT = 5_000;
    private static final long NOTHING_EXPECTED_TIMEOUT = 300;

    private final OpenContexts contexts = new OpenContexts("context-session-modes");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void reportsItsSessionMode() {
        JMSContext transacted = contexts.open(JMSContext.SESSION_TRANSACTED);
        JMSContext client = contexts.open(JMSContext.CLIENT_ACKNOWLEDGE);

        assertThat(transacted.getTransacted()).isTrue();
        assertThat(transacted.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
        assertThat(client.getTransacted()).isFalse();
        assertThat(client.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(contexts.track(contexts.factory.createContext()).getSessionMode())
                .isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Test
    void transactedSendsAreInvisibleUntilCommit(TestInfo test) {
        JMSContext transacted = contexts.open(JMSContext.SESSION_TRANSACTED);
        JMSContext observer = contexts.open();
        Queue queue = queue(observer, test);
        JMSConsumer consumer = observer.createConsumer(queue);

        transacted.createProducer().send(queue, "pending");
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();

        transacted.commit();
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("pending");
    }

    @Test
    void rollbackDiscardsSendsAndRedeliversReceives(TestInfo test) throws Exception {
        JMSContext transacted = contexts.open(JMSContext.SESSION_TRANSACTED);
        Queue queue = queue(transacted, test);
        JMSConsumer consumer = transacted.createConsumer(queue);
        transacted.createProducer().send(queue, "kept");
        transacted.commit();

        Message first = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(first.getBody(String.class)).isEqualTo("kept");
        transacted.createProducer().send(queue, "discarded");
        transacted.rollback();

        Message again = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(again.getBody(String.class)).isEqualTo("kept");
        assertThat(again.getJMSRedelivered()).isTrue();
        transacted.commit();
        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();
    }

    @Test
    void clientAcknowledgeRedeliversUnacknowledgedMessagesOnRecover(TestInfo test) throws Exception {
        JMSContext context = contexts.open(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "one");

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("one");
        context.recover();

        Message redelivered = consumer.receive(RECEIVE_TIMEOUT);
        assertThat(redelivered.getBody(String.class)).isEqualTo("one");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
    }

    @Test
    void acknowledgeMakesClientAcknowledgedMessagesGoneForGood(TestInfo test) {
        JMSContext context = contexts.open(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "one");
        context.createProducer().send(queue, "two");

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("one");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("two");
        context.acknowledge();
        context.recover();

        assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).isNull();
    }

    @Test
    void unacknowledgedMessagesReturnWhenTheContextCloses(TestInfo test) {
        JMSContext context = contexts.open(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue(context, test);
        context.createProducer().send(queue, "unacknowledged");
        assertThat(context.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("unacknowledged");
        context.close();

        JMSContext next = contexts.open();
        assertThat(next.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("unacknowledged");
    }

    @Test
    void autoAndDupsOkAcknowledgeOnReceiveAndIgnoreAcknowledge(TestInfo test) throws Exception {
        for (int mode : new int[] {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            JMSContext context = contexts.open(mode);
            Queue queue = context.createQueue(queue(context, test).getQueueName() + "-" + mode);
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().send(queue, "auto");

            assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("auto");
            context.acknowledge();
            context.recover();

            assertThat(consumer.receive(NOTHING_EXPECTED_TIMEOUT)).as("mode %d", mode).isNull();
        }
    }

    @Test
    void transactionMethodsNeedTheMatchingMode() {
        JMSContext auto = contexts.open();
        JMSContext transacted = contexts.open(JMSContext.SESSION_TRANSACTED);

        assertThatThrownBy(auto::commit).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(auto::rollback).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(transacted::recover).isInstanceOf(IllegalStateRuntimeException.class);
    }

    private static Queue queue(JMSContext context, TestInfo test) {
        return context.createQueue("modes-" + test.getTestMethod().orElseThrow().getName());
    }
}
