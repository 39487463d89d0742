package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Point-to-point behaviour and message headers set by send: Jakarta Messaging 3.1 §3.4 (header fields),
 * message order and priority, §7 (sending: producer defaults, anonymous producers, copy semantics),
 * §8 (receiving, prefetch) and the MessageProducer.send javadoc.
 */
class QueueSemanticsTest extends JmsTestSupport {

    // ---- ordering and distribution ------------------------------------------------------------------------

    @Test
    void messagesFromOneProducerAreReceivedInTheOrderSent() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, texts("m", 50));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        assertThat(receiveTexts(consumer, 50)).containsExactly(texts("m", 50));
        assertNoMessage(consumer);
    }

    @Test
    void higherPriorityMessagesAreDeliveredFirstAndFifoWithinAPriority() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        int[] priorities = {0, 4, 9, 4, 1, 9, 7, 0, 7, 4};
        try (MessageProducer producer = session.createProducer(queue)) {
            for (int i = 0; i < priorities.length; i++) {
                producer.send(session.createTextMessage("p" + priorities[i] + "-" + i), DeliveryMode.PERSISTENT,
                        priorities[i], 0);
            }
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        // §3.4.10 allows best effort; MessageStore orders a backlog strictly by priority, FIFO within one
        assertThat(receiveTexts(consumer, priorities.length)).containsExactly(
                "p9-2", "p9-5", "p7-6", "p7-8", "p4-1", "p4-3", "p4-9", "p1-4", "p0-0", "p0-7");
    }

    @Test
    void receivedMessageCarriesThePriorityItWasSentWith() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setPriority(7);
            producer.send(session.createTextMessage("x"));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveMessage(consumer).getJMSPriority()).isEqualTo(7);
    }

    @Test
    void messagesAreDistributedRoundRobinOverTwoConsumers() throws Exception {
        Session first = autoSession();
        Session second = autoSession();
        Queue queue = newQueue(first);
        MessageConsumer c1 = first.createConsumer(queue);
        MessageConsumer c2 = second.createConsumer(queue);
        connection.start();
        sendTexts(newConnection().createSession(), queue, texts("m", 10));

        List<String> got1 = new ArrayList<>();
        List<String> got2 = new ArrayList<>();
        for (Message m; (m = c1.receive(NO_MESSAGE_TIMEOUT_MS * 2)) != null; ) {
            got1.add(((TextMessage) m).getText());
        }
        for (Message m; (m = c2.receive(NO_MESSAGE_TIMEOUT_MS * 2)) != null; ) {
            got2.add(((TextMessage) m).getText());
        }

        // each consumer gets every other message, in order (which one starts is up to the broker)
        assertThat(List.of(got1, got2)).containsExactlyInAnyOrder(
                List.of("m0", "m2", "m4", "m6", "m8"), List.of("m1", "m3", "m5", "m7", "m9"));
    }

    @Test
    void withPrefetchZeroEachReceivePullsOneMessage() throws Exception {
        Connection conn = newConnection("prefetch=0");
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2", "m3");
        MessageConsumer c1 = session.createConsumer(queue);
        MessageConsumer c2 = conn.createSession().createConsumer(queue);
        conn.start();

        assertThat(((TextMessage) c1.receiveNoWait()).getText()).isEqualTo("m1");
        // c1 buffered nothing, so the next message goes to whichever consumer asks
        assertThat(receiveText(c2)).isEqualTo("m2");
        assertThat(receiveText(c1)).isEqualTo("m3");
        assertThat(c1.receiveNoWait()).isNull();
        assertThat(c2.receiveNoWait()).isNull();
        assertNoMessage(c1);
    }

    @Test
    void withPrefetchZeroReceiveWaitsForAMessageSentLater() throws Exception {
        Connection conn = newConnection("prefetch=0");
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        conn.start();
        assertThat(consumer.receiveNoWait()).isNull();

        sendTexts(newConnection().createSession(), queue, "late");
        assertThat(receiveText(consumer)).isEqualTo("late");
    }

    @Test
    void queueBrowserSeesMessagesInOrderWithoutConsumingThem() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2", "m3");
        connection.start();

        List<String> browsed = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            assertThat(browser.getQueue().getQueueName()).isEqualTo(queue.getQueueName());
            for (Object o : Collections.list(browser.getEnumeration())) {
                browsed.add(((TextMessage) o).getText());
            }
        }
        assertThat(browsed).containsExactly("m1", "m2", "m3");
        assertThat(receiveTexts(session.createConsumer(queue), 3)).containsExactly("m1", "m2", "m3");
    }

    @Test
    void consumerWithSelectorReceivesOnlyMatchingMessagesAndLeavesTheOthers() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        try (MessageProducer producer = session.createProducer(queue)) {
            for (String color : List.of("red", "blue", "red")) {
                TextMessage m = session.createTextMessage(color);
                m.setStringProperty("color", color);
                producer.send(m);
            }
        }
        MessageConsumer reds = session.createConsumer(queue, "color = 'red'");
        connection.start();

        assertThat(reds.getMessageSelector()).isEqualTo("color = 'red'");
        assertThat(receiveTexts(reds, 2)).containsExactly("red", "red");
        assertNoMessage(reds);
        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("blue");
    }

    // ---- expiry ---------------------------------------------------------------------------------------------

    @Test
    void expiredMessageIsNeverDelivered() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("short-lived");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message, DeliveryMode.PERSISTENT, 4, 50);
        }
        long expiration = message.getJMSExpiration();
        assertThat(expiration).isPositive();
        await().atMost(AWAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() > expiration);

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertNoMessage(consumer);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void messageThatExpiresWhileBufferedInTheConsumerIsNotDelivered() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        connection.stop(); // the consumer exists (and may prefetch) but the application cannot receive yet
        TextMessage message = session.createTextMessage("short-lived");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message, DeliveryMode.PERSISTENT, 4, 50);
            producer.send(session.createTextMessage("long-lived"));
        }
        long expiration = message.getJMSExpiration();
        await().atMost(AWAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() > expiration);

        // §3.4.9: a provider should not deliver an expired message, wherever it waited in the meantime
        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("long-lived");
        assertNoMessage(consumer);
    }

    @Test
    void expirationIsTimestampPlusTimeToLive() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("x");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setTimeToLive(60_000);
            producer.send(message);
        }
        // §3.4.9: JMSExpiration is the sum of the time-to-live and the GMT time of the send
        assertThat(message.getJMSExpiration()).isEqualTo(message.getJMSTimestamp() + 60_000);

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message received = receiveMessage(consumer);
        assertThat(received.getJMSExpiration()).isEqualTo(received.getJMSTimestamp() + 60_000);
        assertThat(received.getJMSExpiration()).isEqualTo(message.getJMSExpiration());
    }

    @Test
    void expirationIsZeroWhenTimeToLiveIsZero() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("x");
        message.setJMSExpiration(12345); // set by the provider on send, whatever the application put there
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message);
        }
        assertThat(message.getJMSExpiration()).isZero();

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveMessage(consumer).getJMSExpiration()).isZero();
    }

    // ---- producer defaults and headers ---------------------------------------------------------------------

    @Test
    void producerDefaultsArePersistentPriorityFourNoExpiryNoDelay() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
        assertThat(producer.getDestination()).isEqualTo(queue);

        producer.send(session.createTextMessage("x"));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message received = receiveMessage(consumer);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(4);
        assertThat(received.getJMSExpiration()).isZero();
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void sendOverridesAndProducerSettingsAreCarriedInTheHeaders() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setPriority(2);
            producer.send(session.createTextMessage("producer-settings"));
            producer.send(session.createTextMessage("per-send"), DeliveryMode.PERSISTENT, 8, 0);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        Message perSend = receiveMessage(consumer); // priority 8 overtakes priority 2
        assertThat(((TextMessage) perSend).getText()).isEqualTo("per-send");
        assertThat(perSend.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(perSend.getJMSPriority()).isEqualTo(8);
        Message producerSettings = receiveMessage(consumer);
        assertThat(producerSettings.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producerSettings.getJMSPriority()).isEqualTo(2);
    }

    @Test
    void messageIdsStartWithIdPrefixAreUniqueAndSetOnTheSentObject() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        List<TextMessage> sent = sendTexts(session, queue, texts("m", 10));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        Set<String> ids = new HashSet<>();
        for (TextMessage s : sent) {
            Message received = receiveMessage(consumer);
            // §3.4.3: JMSMessageID values must start with "ID:"
            assertThat(received.getJMSMessageID()).startsWith("ID:");
            assertThat(received.getJMSMessageID()).isEqualTo(s.getJMSMessageID());
            ids.add(received.getJMSMessageID());
        }
        assertThat(ids).hasSize(10);
    }

    @Test
    void timestampIsTheTimeOfTheSendCall() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        long before = System.currentTimeMillis();
        TextMessage sent = sendTexts(session, queue, "x").get(0);
        long after = System.currentTimeMillis();
        assertThat(sent.getJMSTimestamp()).isBetween(before, after);

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveMessage(consumer).getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp());
    }

    @Test
    void disablingMessageIdsIsAHintThatMayBeIgnored() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        long before = System.currentTimeMillis();
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setDisableMessageID(true);
            producer.setDisableMessageTimestamp(true);
            assertThat(producer.getDisableMessageID()).isTrue();
            assertThat(producer.getDisableMessageTimestamp()).isTrue();
            producer.send(session.createTextMessage("a"));
            producer.send(session.createTextMessage("b"));
        }
        long after = System.currentTimeMillis();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        // MessageProducer.setDisableMessageID/Timestamp javadoc: the provider either honours the hint (null id,
        // zero timestamp) or ignores it, in which case the values must be normal ones.
        Message a = receiveMessage(consumer);
        Message b = receiveMessage(consumer);
        for (Message m : List.of(a, b)) {
            if (m.getJMSMessageID() != null) {
                assertThat(m.getJMSMessageID()).startsWith("ID:");
            }
            if (m.getJMSTimestamp() != 0) {
                assertThat(m.getJMSTimestamp()).isBetween(before, after);
            }
        }
        if (a.getJMSMessageID() != null && b.getJMSMessageID() != null) {
            assertThat(a.getJMSMessageID()).isNotEqualTo(b.getJMSMessageID());
        }
    }

    @Test
    void deliveryDelayHoldsTheMessageBack() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        long sentAt;
        TextMessage message = session.createTextMessage("delayed");
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setDeliveryDelay(1_000);
            assertThat(producer.getDeliveryDelay()).isEqualTo(1_000);
            sentAt = System.currentTimeMillis();
            producer.send(message);
        }
        // §3.4.13: JMSDeliveryTime = send time + delivery delay
        assertThat(message.getJMSDeliveryTime()).isEqualTo(message.getJMSTimestamp() + 1_000);

        assertNoMessage(consumer);
        Message received = receiveMessage(consumer);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(sentAt + 1_000);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(message.getJMSDeliveryTime());
    }

    // ---- copy semantics --------------------------------------------------------------------------------------

    @Test
    void changingTheMessageObjectAfterSendDoesNotChangeTheSentMessage() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("first");
        message.setIntProperty("n", 1);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message);
            message.setText("second");
            message.setIntProperty("n", 2);
            producer.send(message); // after send returns the application may change and reuse the object
            message.setText("changed after the last send");
            message.setIntProperty("n", 3);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        Message first = receiveMessage(consumer);
        assertThat(((TextMessage) first).getText()).isEqualTo("first");
        assertThat(first.getIntProperty("n")).isEqualTo(1);
        Message second = receiveMessage(consumer);
        assertThat(((TextMessage) second).getText()).isEqualTo("second");
        assertThat(second.getIntProperty("n")).isEqualTo(2);
        assertThat(first.getJMSMessageID()).isNotEqualTo(second.getJMSMessageID());
    }

    // ---- anonymous producers and MessageProducer.send exception rules ----------------------------------------

    @Test
    void anonymousProducerSendsToTheDestinationGivenPerSend() throws Exception {
        Session session = autoSession();
        Queue a = newQueue(session);
        Queue b = newQueue(session);
        try (MessageProducer producer = session.createProducer(null)) {
            assertThat(producer.getDestination()).isNull();
            producer.send(a, session.createTextMessage("to-a"));
            producer.send(b, session.createTextMessage("to-b"), DeliveryMode.NON_PERSISTENT, 6, 0);
        }
        connection.start();

        assertThat(receiveText(session.createConsumer(a))).isEqualTo("to-a");
        Message toB = receiveMessage(session.createConsumer(b));
        assertThat(((TextMessage) toB).getText()).isEqualTo("to-b");
        assertThat(toB.getJMSDestination()).isEqualTo(b);
        assertThat(toB.getJMSPriority()).isEqualTo(6);
        assertThat(toB.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @Test
    void sendWithoutDestinationOnAnAnonymousProducerThrowsUnsupportedOperationException() throws Exception {
        Session session = autoSession();
        MessageProducer producer = session.createProducer(null);
        TextMessage message = session.createTextMessage("x");

        assertThrows(UnsupportedOperationException.class, () -> producer.send(message));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(message, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    void sendToANullDestinationOnAnAnonymousProducerThrowsInvalidDestinationException() throws Exception {
        Session session = autoSession();
        MessageProducer producer = session.createProducer(null);
        TextMessage message = session.createTextMessage("x");

        assertThrows(InvalidDestinationException.class, () -> producer.send(null, message));
        assertThrows(InvalidDestinationException.class,
                () -> producer.send(null, message, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    void sendWithADestinationOnAProducerThatHasOneThrowsUnsupportedOperationException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        Queue other = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("x");

        assertThrows(UnsupportedOperationException.class, () -> producer.send(other, message));
        assertThrows(UnsupportedOperationException.class, () -> producer.send(queue, message));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(other, message, DeliveryMode.PERSISTENT, 4, 0));
        connection.start();
        assertNoMessage(session.createConsumer(other));
        assertNoMessage(session.createConsumer(queue));
    }
}
