package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Messaging 3.1 §6.2.10 (Message acknowledgment), Session.recover and Message.acknowledge javadoc,
 * §3.4.7/§3.5.11 (JMSRedelivered, JMSXDeliveryCount).
 */
class AcknowledgementTest extends JmsTestSupport {

    // ---- session forms ------------------------------------------------------------------------------------

    @Test
    void createSessionWithoutArgumentsIsNonTransactedAutoAcknowledge() throws Exception {
        Session session = connection.createSession();
        assertThat(session.getTransacted()).isFalse();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void createSessionWithTransactedFalseUsesTheGivenAcknowledgeMode() throws Exception {
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            Session session = connection.createSession(false, mode);
            assertThat(session.getTransacted()).isFalse();
            assertThat(session.getAcknowledgeMode()).isEqualTo(mode);
        }
    }

    @Test
    void createSessionWithTransactedTrueIgnoresTheAcknowledgeMode() throws Exception {
        Session session = connection.createSession(true, Session.CLIENT_ACKNOWLEDGE);
        assertThat(session.getTransacted()).isTrue();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }

    @Test
    void createSessionWithSessionModeSupportsAllFourModes() throws Exception {
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            Session session = connection.createSession(mode);
            assertThat(session.getTransacted()).isFalse();
            assertThat(session.getAcknowledgeMode()).isEqualTo(mode);
        }
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        assertThat(transacted.getTransacted()).isTrue();
        assertThat(transacted.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }

    // ---- AUTO / DUPS_OK -----------------------------------------------------------------------------------

    @Test
    void autoAcknowledgedMessagesAreGoneForANewSessionAndConsumer() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2", "m3");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveTexts(consumer, 3)).containsExactly("m1", "m2", "m3");
        session.close();

        Session next = autoSession();
        assertNoMessage(next.createConsumer(queue));
    }

    @Test
    void acknowledgeIsIgnoredInAutoAcknowledgeMode() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message message = receiveMessage(consumer);

        message.acknowledge(); // Message.acknowledge javadoc: ignored for implicit acknowledgement modes
        session.close();
        assertNoMessage(autoSession().createConsumer(queue));
    }

    @Test
    void dupsOkAcknowledgeDeliversEveryMessageInOrder() throws Exception {
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, texts("m", 20));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        assertThat(receiveTexts(consumer, 20)).containsExactly(texts("m", 20));
        assertNoMessage(consumer);
    }

    // ---- CLIENT_ACKNOWLEDGE -------------------------------------------------------------------------------

    @Test
    void acknowledgingAnyMessageAcknowledgesAllMessagesConsumedBySession() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue a = newQueue(session);
        Queue b = newQueue(session);
        sendTexts(session, a, "a1", "a2");
        sendTexts(session, b, "b1");
        MessageConsumer fromA = session.createConsumer(a);
        MessageConsumer fromB = session.createConsumer(b);
        connection.start();
        Message first = receiveMessage(fromA);
        receiveMessage(fromB);
        receiveMessage(fromA);

        // Message.acknowledge javadoc: acknowledges all messages consumed by the session, on every consumer,
        // whichever message it is called on (here the first one)
        first.acknowledge();
        session.close();

        Session next = autoSession();
        assertNoMessage(next.createConsumer(a));
        assertNoMessage(next.createConsumer(b));
    }

    @Test
    void acknowledgeCoversOnlyMessagesConsumedSoFar() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2", "m3");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message m1 = receiveMessage(consumer);
        m1.acknowledge();
        assertThat(((TextMessage) receiveMessage(consumer)).getText()).isEqualTo("m2"); // consumed, never acknowledged
        session.close();

        MessageConsumer next = autoSession().createConsumer(queue);
        assertThat(receiveTexts(next, 2)).containsExactly("m2", "m3");
        assertNoMessage(next);
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredAfterRecover() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        List<Message> firstTime = List.of(receiveMessage(consumer), receiveMessage(consumer));

        session.recover();

        List<Message> secondTime = List.of(receiveMessage(consumer), receiveMessage(consumer));
        assertThat(textsOf(secondTime)).containsExactlyInAnyOrder("m1", "m2");
        for (Message m : firstTime) {
            assertThat(m.getJMSRedelivered()).isFalse();
            assertThat(deliveryCount(m)).isEqualTo(1);
        }
        for (Message m : secondTime) {
            assertThat(m.getJMSRedelivered()).isTrue();
            assertThat(deliveryCount(m)).isEqualTo(2);
        }
        secondTime.get(1).acknowledge();
        assertNoMessage(consumer);
    }

    @Test
    void recoverRedeliversInTheOriginalOrder() throws Exception {
        // Session.recover javadoc allows a different order; MessageStore promises the original one.
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, texts("m", 5));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        receiveTexts(consumer, 5);

        session.recover();

        assertThat(receiveTexts(consumer, 5)).containsExactly(texts("m", 5));
    }

    @Test
    void recoverRedeliversBeforeMessagesNotYetConsumed() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2", "m3");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("m1");

        // Session.recover javadoc: restart delivery with the oldest unacknowledged message
        session.recover();

        Message again = receiveMessage(consumer);
        assertThat(((TextMessage) again).getText()).isEqualTo("m1");
        assertThat(again.getJMSRedelivered()).isTrue();
        Message m2 = receiveMessage(consumer);
        assertThat(((TextMessage) m2).getText()).isEqualTo("m2");
        assertThat(m2.getJMSRedelivered()).isFalse();
        assertThat(deliveryCount(m2)).isEqualTo(1);
    }

    @Test
    void deliveryCountStartsAtOneAndGrowsWithEveryRedelivery() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        List<Integer> counts = new ArrayList<>();
        List<Boolean> redelivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message m = receiveMessage(consumer);
            counts.add(deliveryCount(m));
            redelivered.add(m.getJMSRedelivered());
            session.recover();
        }

        assertThat(counts).containsExactly(1, 2, 3);
        assertThat(redelivered).containsExactly(false, true, true);
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredToTheNextConsumerAfterSessionClose() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        receiveMessage(consumer);
        receiveMessage(consumer);
        session.close(); // does NOT acknowledge (§6.1.8: closing does not force an acknowledgement)

        MessageConsumer next = autoSession().createConsumer(queue);
        for (String expected : List.of("m1", "m2")) {
            Message m = receiveMessage(next);
            assertThat(((TextMessage) m).getText()).isEqualTo(expected);
            assertThat(m.getJMSRedelivered()).isTrue();
            assertThat(deliveryCount(m)).isEqualTo(2);
        }
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredAfterConnectionClose() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        conn.start();
        receiveMessage(consumer);
        conn.close();

        MessageConsumer next = autoSession().createConsumer(queue);
        connection.start();
        Message m = receiveMessage(next);
        assertThat(m.getJMSRedelivered()).isTrue();
        assertThat(deliveryCount(m)).isEqualTo(2);
    }

    @Test
    void prefetchedButNeverConsumedMessagesAreNotMarkedRedelivered() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, texts("m", 5));
        MessageConsumer consumer = session.createConsumer(queue); // default prefetch buffers all five
        connection.start();
        Message m0 = receiveMessage(consumer);
        m0.acknowledge();
        consumer.close();

        MessageConsumer next = autoSession().createConsumer(queue);
        for (int i = 1; i < 5; i++) {
            Message m = receiveMessage(next);
            assertThat(((TextMessage) m).getText()).isEqualTo("m" + i);
            assertThat(m.getJMSRedelivered()).as("m%d was never handed to the application", i).isFalse();
            assertThat(deliveryCount(m)).isEqualTo(1);
        }
    }

    @Test
    void acknowledgeOnAMessageOfAClosedSessionThrowsIllegalStateException() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message message = receiveMessage(consumer);
        session.close();

        // Message.acknowledge javadoc
        assertIllegalState(message::acknowledge);
    }

    @Test
    void acknowledgeOnAMessageOfAClosedConnectionThrowsIllegalStateException() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        conn.start();
        Message message = receiveMessage(consumer);
        conn.close();

        // Connection.close javadoc
        assertIllegalState(message::acknowledge);
    }

    @Test
    void acknowledgeIsIgnoredInATransactedSession() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message message = receiveMessage(consumer);

        message.acknowledge(); // ignored: the transaction decides
        session.rollback();

        Message again = receiveMessage(consumer);
        assertThat(((TextMessage) again).getText()).isEqualTo("m1");
        assertThat(again.getJMSRedelivered()).isTrue();
        session.commit();
    }

    private static List<String> textsOf(List<Message> messages) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
