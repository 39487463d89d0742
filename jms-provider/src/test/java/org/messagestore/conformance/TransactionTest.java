package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jakarta Messaging 3.1 §6.2.7 (Transactions) and Session.commit/rollback/recover/close javadoc. */
class TransactionTest extends JmsTestSupport {

    private Session observerSession;

    /** A consumer on a separate auto-acknowledge session of a started connection, to look at a queue. */
    private MessageConsumer observe(Queue queue) throws Exception {
        if (observerSession == null) {
            Connection conn = newConnection();
            observerSession = conn.createSession();
            conn.start();
        }
        return observerSession.createConsumer(queue);
    }

    @Test
    void transactedSessionReportsTransactedAndSessionTransactedMode() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertThat(session.getTransacted()).isTrue();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }

    @Test
    void sentMessagesAreInvisibleUntilCommit() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2");
        MessageConsumer watcher = observe(queue);

        assertNoMessage(watcher);
        session.commit();

        assertThat(receiveTexts(watcher, 2)).containsExactly("m1", "m2");
    }

    @Test
    void rollbackDiscardsSentMessages() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "discarded");
        session.rollback();
        sendTexts(session, queue, "kept");
        session.commit();

        MessageConsumer watcher = observe(queue);
        assertThat(receiveText(watcher)).isEqualTo("kept");
        assertNoMessage(watcher);
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(ints = {100, 1, 0})
    void rolledBackMessagesAreRedeliveredMarkedRedeliveredWithDeliveryCountTwoInOriginalOrder(int prefetch)
            throws Exception {
        Connection conn = newConnection("prefetch=" + prefetch);
        Session session = conn.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, texts("m", 5));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        conn.start();
        List<Message> first = receiveMessages(consumer, 5);

        session.rollback();

        List<Message> again = receiveMessages(consumer, 5);
        for (int i = 0; i < 5; i++) {
            Message m = again.get(i);
            assertThat(((TextMessage) m).getText()).isEqualTo("m" + i);
            assertThat(m.getJMSMessageID()).isEqualTo(first.get(i).getJMSMessageID());
            assertThat(first.get(i).getJMSRedelivered()).isFalse();
            assertThat(deliveryCount(first.get(i))).isEqualTo(1);
            assertThat(m.getJMSRedelivered()).isTrue();
            assertThat(deliveryCount(m)).isEqualTo(2);
        }
        session.commit();
        assertNoMessage(consumer);
    }

    @Test
    void deliveryCountGrowsWithEveryRollback() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counts.add(deliveryCount(receiveMessage(consumer)));
            session.rollback();
        }
        assertThat(counts).containsExactly(1, 2, 3);
    }

    @Test
    void committedConsumptionIsNotRedelivered() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2");
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        receiveMessages(consumer, 2);
        session.commit();
        session.close();

        assertNoMessage(observe(queue));
    }

    @Test
    void consumedButUncommittedMessagesAreNotAvailableToOtherConsumers() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        receiveMessage(consumer);

        assertNoMessage(observe(queue));
        session.commit();
    }

    @Test
    void consumeAndSendInOneTransactionIsAtomic() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue in = newQueue(session);
        Queue out = newQueue(session);
        sendTexts(session, in, "request");
        session.commit();
        MessageConsumer consumer = session.createConsumer(in);
        MessageProducer producer = session.createProducer(out);
        connection.start();

        receiveMessage(consumer);
        producer.send(session.createTextMessage("result"));
        session.rollback();
        // neither happened
        MessageConsumer outObserver = observe(out);
        assertNoMessage(outObserver);

        Message again = receiveMessage(consumer);
        assertThat(again.getJMSRedelivered()).isTrue();
        producer.send(session.createTextMessage("result"));
        session.commit();
        // both happened
        assertThat(receiveText(outObserver)).isEqualTo("result");
        consumer.close();
        assertNoMessage(observe(in));
    }

    @Test
    void closingATransactedSessionRollsBackItsTransaction() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue in = newQueue(session);
        Queue out = newQueue(session);
        sendTexts(session, in, "m1");
        session.commit();
        MessageConsumer consumer = session.createConsumer(in);
        connection.start();
        receiveMessage(consumer);
        sendTexts(session, out, "uncommitted");

        session.close(); // Session.close javadoc: closing a transacted session must roll back

        assertNoMessage(observe(out));
        Message again = receiveMessage(observe(in));
        assertThat(((TextMessage) again).getText()).isEqualTo("m1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(deliveryCount(again)).isEqualTo(2);
    }

    @Test
    void closingAConnectionRollsBackTheTransactionsOfItsSessions() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession(true, Session.SESSION_TRANSACTED);
        Queue in = newQueue(session);
        Queue out = newQueue(session);
        sendTexts(session, in, "m1");
        session.commit();
        MessageConsumer consumer = session.createConsumer(in);
        conn.start();
        receiveMessage(consumer);
        sendTexts(session, out, "uncommitted");

        conn.close(); // Connection.close javadoc: transactions in progress are rolled back

        assertNoMessage(observe(out));
        Message again = receiveMessage(observe(in));
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(ints = {100, 0})
    void rollbackRedeliversToEveryConsumerOfTheSession(int prefetch) throws Exception {
        Connection conn = newConnection("prefetch=" + prefetch);
        Session session = conn.createSession(true, Session.SESSION_TRANSACTED);
        Queue a = newQueue(session);
        Queue b = newQueue(session);
        sendTexts(session, a, "a1", "a2");
        sendTexts(session, b, "b1", "b2");
        session.commit();
        MessageConsumer fromA = session.createConsumer(a);
        MessageConsumer fromB = session.createConsumer(b);
        conn.start();
        assertThat(receiveText(fromA)).isEqualTo("a1");
        assertThat(receiveText(fromB)).isEqualTo("b1");

        session.rollback();

        assertThat(receiveTexts(fromA, 2)).containsExactly("a1", "a2");
        assertThat(receiveTexts(fromB, 2)).containsExactly("b1", "b2");
        session.commit();
        assertNoMessage(fromA);
        assertNoMessage(fromB);
        fromA.close();
        fromB.close();
        assertNoMessage(observe(a));
        assertNoMessage(observe(b));
    }

    @Test
    void commitOnANonTransactedSessionThrowsIllegalStateException() throws Exception {
        Session session = autoSession();
        assertIllegalState(session::commit);
        Session client = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        assertIllegalState(client::commit);
    }

    @Test
    void rollbackOnANonTransactedSessionThrowsIllegalStateException() throws Exception {
        Session session = autoSession();
        assertIllegalState(session::rollback);
        Session client = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        assertIllegalState(client::rollback);
    }

    @Test
    void recoverOnATransactedSessionThrowsIllegalStateException() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertIllegalState(session::recover); // Session.recover javadoc
    }

    @Test
    void commitWithNothingDoneSucceeds() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        session.commit();
        session.rollback();
    }

    private static List<Message> receiveMessages(MessageConsumer consumer, int count) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(receiveMessage(consumer));
        }
        return messages;
    }
}
