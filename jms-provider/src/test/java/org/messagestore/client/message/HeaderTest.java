package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.messagestore.client.destination.ClientQueue;
import org.messagestore.client.destination.ClientTemporaryTopic;
import org.messagestore.client.destination.ClientTopic;

/** Jakarta Messaging 3.1, 3.4 "Message header fields", and acknowledge(). */
class HeaderTest {

    @Test
    void newMessageHasDefaultDeliveryModeAndPriority() throws JMSException {
        Message message = new ClientTextMessage();
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(4);
        assertThat(message.getJMSRedelivered()).isFalse();
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSDestination()).isNull();
        assertThat(message.getJMSExpiration()).isZero();
    }

    @Test
    void everyHeaderReadsBackWhatWasSet() throws JMSException {
        Message message = new ClientPlainMessage();
        var queue = new ClientQueue("orders");
        var topic = new ClientTopic("replies");
        message.setJMSMessageID("ID:1");
        message.setJMSTimestamp(1000);
        message.setJMSCorrelationID("corr");
        message.setJMSReplyTo(topic);
        message.setJMSDestination(queue);
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSRedelivered(true);
        message.setJMSType("order");
        message.setJMSExpiration(5000);
        message.setJMSDeliveryTime(2000);
        message.setJMSPriority(9);

        assertThat(message.getJMSMessageID()).isEqualTo("ID:1");
        assertThat(message.getJMSTimestamp()).isEqualTo(1000);
        assertThat(message.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(message.getJMSReplyTo()).isEqualTo(topic);
        assertThat(message.getJMSDestination()).isEqualTo(queue);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSRedelivered()).isTrue();
        assertThat(message.getJMSType()).isEqualTo("order");
        assertThat(message.getJMSExpiration()).isEqualTo(5000);
        assertThat(message.getJMSDeliveryTime()).isEqualTo(2000);
        assertThat(message.getJMSPriority()).isEqualTo(9);
    }

    @Test
    void correlationIdAsBytesIsCopiedInAndOut() throws JMSException {
        Message message = new ClientPlainMessage();
        byte[] id = {1, 2, 3};
        message.setJMSCorrelationIDAsBytes(id);
        id[0] = 9;
        byte[] read = message.getJMSCorrelationIDAsBytes();
        assertThat(read).containsExactly(1, 2, 3);
        read[1] = 9;
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void correlationIdSetAsStringReadsAsItsUtf8Bytes() throws JMSException {
        Message message = new ClientPlainMessage();
        message.setJMSCorrelationID("abc");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        message.setJMSCorrelationIDAsBytes("xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(message.getJMSCorrelationID()).isEqualTo("xyz");
    }

    @Test
    void headersStaySettableOnAReceivedMessage() throws JMSException {
        Message received = Messages.received(new ClientTextMessage("hi"));
        received.setJMSType("changed");
        received.setJMSCorrelationID("c2");
        received.setJMSPriority(1);
        received.setJMSReplyTo(new ClientQueue("other"));
        assertThat(received.getJMSType()).isEqualTo("changed");
        assertThat(received.getJMSCorrelationID()).isEqualTo("c2");
        assertThat(received.getJMSPriority()).isEqualTo(1);
    }

    @Test
    void receivedMessageIsRedeliveredOnlyFromTheSecondDelivery() throws JMSException {
        assertThat(Messages.received(new ClientPlainMessage(), 1).getJMSRedelivered()).isFalse();
        assertThat(Messages.received(new ClientPlainMessage(), 2).getJMSRedelivered()).isTrue();
    }

    @Test
    void acknowledgeWithoutAcknowledgerDoesNothing() throws JMSException {
        new ClientTextMessage("x").acknowledge();
    }

    @Test
    void acknowledgeCallsTheInstalledAcknowledger() throws JMSException {
        var calls = new AtomicInteger();
        ClientMessage message = Messages.received(new ClientTextMessage("x"), 1);
        message.setAcknowledger(calls::incrementAndGet);
        message.acknowledge();
        assertThat(calls).hasValue(1);
    }

    @Test
    void acknowledgeOnClosedSessionPropagatesIllegalStateException() throws JMSException {
        ClientMessage message = Messages.received(new ClientTextMessage("x"), 1);
        message.setAcknowledger(() -> {
            throw new IllegalStateException("session is closed");
        });
        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringShowsTypeIdAndDestination() throws JMSException {
        Message message = new ClientTextMessage("x");
        message.setJMSMessageID("ID:42");
        message.setJMSDestination(new ClientTemporaryTopic("tmp1"));
        assertThat(message.toString()).contains("ClientTextMessage", "ID:42", "temporary_topic 'tmp1'");
    }
}
