package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Publish/subscribe: Jakarta Messaging 3.1 §4.2 and §8.3 (subscriptions: non-durable, durable, shared,
 * unshared), and the Session.createDurableConsumer / createSharedDurableConsumer / createSharedConsumer /
 * unsubscribe javadoc.
 */
class SubscriptionTest extends JmsTestSupport {

    /** A started connection with a fresh client id. */
    private Connection clientConnection(String clientId) throws Exception {
        Connection conn = newConnection();
        conn.setClientID(clientId);
        conn.start();
        return conn;
    }

    // ---- non-durable ---------------------------------------------------------------------------------------

    @Test
    void everyNonDurableSubscriberReceivesEveryMessage() throws Exception {
        Session session = autoSession();
        Topic topic = newTopic(session);
        Connection other = newConnection();
        List<MessageConsumer> subscribers = List.of(session.createConsumer(topic),
                autoSession().createConsumer(topic), other.createSession().createConsumer(topic));
        connection.start();
        other.start();

        sendTexts(session, topic, texts("m", 5));

        for (MessageConsumer subscriber : subscribers) {
            assertThat(receiveTexts(subscriber, 5)).containsExactly(texts("m", 5));
            assertNoMessage(subscriber);
        }
    }

    @Test
    void messagesPublishedWhileNobodySubscribesAreNotKept() throws Exception {
        Session session = autoSession();
        Topic topic = newTopic(session);
        sendTexts(session, topic, "lost");
        MessageConsumer subscriber = session.createConsumer(topic);
        connection.start();

        assertNoMessage(subscriber);
        sendTexts(session, topic, "kept");
        assertThat(receiveText(subscriber)).isEqualTo("kept");
    }

    @Test
    void closedNonDurableSubscriberDoesNotKeepMessages() throws Exception {
        Session session = autoSession();
        Topic topic = newTopic(session);
        MessageConsumer subscriber = session.createConsumer(topic);
        subscriber.close();
        sendTexts(session, topic, "lost");
        MessageConsumer again = session.createConsumer(topic);
        connection.start();
        assertNoMessage(again);
    }

    @Test
    void noLocalSubscriberSkipsItsOwnConnectionsMessagesButGetsOthers() throws Exception {
        Session session = autoSession();
        Topic topic = newTopic(session);
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        MessageConsumer all = autoSession().createConsumer(topic);
        connection.start();

        sendTexts(autoSession(), topic, "local");
        sendTexts(newConnection().createSession(), topic, "remote");

        assertThat(receiveText(noLocal)).isEqualTo("remote");
        assertNoMessage(noLocal);
        assertThat(receiveTexts(all, 2)).containsExactly("local", "remote");
    }

    // ---- unshared durable ------------------------------------------------------------------------------------

    @Test
    void durableSubscriptionKeepsMessagesWhileItsConsumerIsClosed() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        session.createDurableConsumer(topic, name).close();

        sendTexts(session, topic, "m1", "m2", "m3");

        MessageConsumer consumer = session.createDurableConsumer(topic, name);
        assertThat(receiveTexts(consumer, 3)).containsExactly("m1", "m2", "m3");
        assertNoMessage(consumer);
        consumer.close();
        session.unsubscribe(name);
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileItsClientIsDisconnected() throws Exception {
        String clientId = uniqueName("client");
        String name = uniqueName("sub");
        Connection first = clientConnection(clientId);
        Session session = first.createSession();
        Topic topic = newTopic(session);
        session.createDurableSubscriber(topic, name).close();
        first.close();

        sendTexts(autoSession(), topic, "while-away");

        Connection second = clientConnection(clientId);
        Session again = second.createSession();
        MessageConsumer subscriber = again.createDurableSubscriber(topic, name);
        assertThat(receiveText(subscriber)).isEqualTo("while-away");
        subscriber.close();
        again.unsubscribe(name);
    }

    @Test
    void durableSubscriptionWithoutClientIdThrowsIllegalStateException() throws Exception {
        Session session = autoSession();
        Topic topic = newTopic(session);

        // createDurableConsumer/createDurableSubscriber javadoc: IllegalStateException if the client id is unset
        assertIllegalState(() -> session.createDurableConsumer(topic, uniqueName("sub")));
        assertIllegalState(() -> session.createDurableConsumer(topic, uniqueName("sub"), null, false));
        assertIllegalState(() -> session.createDurableSubscriber(topic, uniqueName("sub")));
        assertIllegalState(() -> session.createDurableSubscriber(topic, uniqueName("sub"), null, false));
    }

    @Test
    void secondConsumerOnAnActiveUnsharedDurableSubscriptionThrowsJMSException() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        MessageConsumer first = session.createDurableConsumer(topic, name);

        // createDurableConsumer javadoc: a JMSException when a consumer is already active
        assertThrows(JMSException.class, () -> conn.createSession().createDurableConsumer(topic, name));
        assertThrows(JMSException.class, () -> session.createDurableSubscriber(topic, name));

        first.close();
        session.createDurableConsumer(topic, name).close(); // possible again once the first one is closed
        session.unsubscribe(name);
    }

    @Test
    void durableSubscriptionOnAnotherTopicReplacesTheInactiveOne() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic oldTopic = newTopic(session);
        Topic newTopic = newTopic(session);
        String name = uniqueName("sub");
        session.createDurableConsumer(oldTopic, name).close();
        sendTexts(session, oldTopic, "old-1");

        // createDurableConsumer javadoc: a different topic is equivalent to unsubscribe + create
        MessageConsumer consumer = session.createDurableConsumer(newTopic, name);
        assertNoMessage(consumer);
        sendTexts(session, oldTopic, "old-2");
        sendTexts(session, newTopic, "new-1");
        assertThat(receiveText(consumer)).isEqualTo("new-1");
        assertNoMessage(consumer);
        consumer.close();
        session.unsubscribe(name);
    }

    @Test
    void durableSubscriptionWithAnotherNoLocalValueReplacesTheInactiveOne() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        session.createDurableConsumer(topic, name).close();
        sendTexts(newConnection().createSession(), topic, "kept-by-old");

        MessageConsumer consumer = session.createDurableConsumer(topic, name, null, true);
        assertNoMessage(consumer);
        consumer.close();
        session.unsubscribe(name);
    }

    @Test
    void unsubscribeDeletesTheDurableSubscriptionAndItsMessages() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        session.createDurableConsumer(topic, name).close();
        sendTexts(session, topic, "m1");

        session.unsubscribe(name);

        MessageConsumer fresh = session.createDurableConsumer(topic, name);
        assertNoMessage(fresh);
        fresh.close();
        session.unsubscribe(name);
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe(name));
    }

    @Test
    void unsubscribeWithAnActiveConsumerThrowsJMSException() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        MessageConsumer consumer = session.createDurableConsumer(topic, name);

        // Session.unsubscribe javadoc: erroneous while a consumer is active
        assertThrows(JMSException.class, () -> session.unsubscribe(name));
        sendTexts(session, topic, "still-subscribed");
        assertThat(receiveText(consumer)).isEqualTo("still-subscribed");
        consumer.close();
        session.unsubscribe(name);
    }

    @Test
    void unsubscribeWhileAConsumedMessageIsInAPendingTransactionThrowsJMSException() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession(true, Session.SESSION_TRANSACTED);
        Topic topic = newTopic(session);
        String name = uniqueName("sub");
        MessageConsumer consumer = session.createDurableConsumer(topic, name);
        sendTexts(session, topic, "m1");
        session.commit();
        receiveMessage(consumer);
        consumer.close();

        // Session.unsubscribe javadoc: erroneous while a consumed message is part of a pending transaction
        assertThrows(JMSException.class, () -> session.unsubscribe(name));
        session.rollback();
        session.unsubscribe(name);
    }

    @Test
    void unsubscribeAnUnknownNameThrowsInvalidDestinationException() throws Exception {
        connection.setClientID(uniqueName("client"));
        Session session = autoSession();
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe(uniqueName("never-created")));
    }

    @Test
    void noLocalDurableSubscriptionSkipsMessagesFromConnectionsWithTheSameClientId() throws Exception {
        String clientId = uniqueName("client");
        String name = uniqueName("sub");
        Connection first = clientConnection(clientId);
        Session session = first.createSession();
        Topic topic = newTopic(session);
        session.createDurableConsumer(topic, name, null, true).close();
        sendTexts(session, topic, "from-this-connection");
        first.close();

        sendTexts(newConnection().createSession(), topic, "from-another-client");
        Connection second = clientConnection(clientId);
        Session again = second.createSession();
        // createDurableConsumer javadoc: with noLocal, messages from any connection with the same client id
        // are not added to the subscription
        sendTexts(again, topic, "from-same-client-id");

        MessageConsumer consumer = again.createDurableConsumer(topic, name, null, true);
        assertThat(receiveText(consumer)).isEqualTo("from-another-client");
        assertNoMessage(consumer);
        consumer.close();
        again.unsubscribe(name);
    }

    // ---- shared durable --------------------------------------------------------------------------------------

    @Test
    void consumersOfASharedDurableSubscriptionShareItsMessages() throws Exception {
        Connection conn = newConnection("prefetch=1");
        conn.setClientID(uniqueName("client"));
        Session s1 = conn.createSession();
        Session s2 = conn.createSession();
        Topic topic = newTopic(s1);
        String name = uniqueName("shared");
        MessageConsumer c1 = s1.createSharedDurableConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedDurableConsumer(topic, name);
        conn.start();

        sendTexts(autoSession(), topic, texts("m", 10));

        assertSharedBetween(c1, c2, 10);
        c1.close();
        c2.close();
        s1.unsubscribe(name);
    }

    @Test
    void sharedDurableSubscriptionWorksWithoutClientIdAndAcrossConnections() throws Exception {
        Connection a = newConnection("prefetch=1");
        Connection b = newConnection("prefetch=1");
        Session sa = a.createSession();
        Session sb = b.createSession();
        Topic topic = newTopic(sa);
        String name = uniqueName("shared");
        MessageConsumer c1 = sa.createSharedDurableConsumer(topic, name);
        MessageConsumer c2 = sb.createSharedDurableConsumer(topic, name, null);
        a.start();
        b.start();
        sendTexts(autoSession(), topic, texts("m", 6));
        assertSharedBetween(c1, c2, 6);

        c1.close();
        c2.close();
        sendTexts(autoSession(), topic, "kept-while-inactive");
        MessageConsumer again = sa.createSharedDurableConsumer(topic, name);
        assertThat(receiveText(again)).isEqualTo("kept-while-inactive");
        again.close();
        sa.unsubscribe(name);
    }

    @Test
    void sharedAndUnsharedDurableSubscriptionsCannotHaveTheSameName() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String unshared = uniqueName("unshared");
        String shared = uniqueName("shared");
        session.createDurableConsumer(topic, unshared).close();
        session.createSharedDurableConsumer(topic, shared).close();

        // createSharedDurableConsumer / createDurableConsumer javadoc: JMSException
        assertThrows(JMSException.class, () -> session.createSharedDurableConsumer(topic, unshared));
        assertThrows(JMSException.class, () -> session.createDurableConsumer(topic, shared));

        session.unsubscribe(unshared);
        session.unsubscribe(shared);
    }

    // ---- shared non-durable ----------------------------------------------------------------------------------

    @Test
    void consumersOfASharedNonDurableSubscriptionShareItsMessages() throws Exception {
        Connection conn = newConnection("prefetch=1");
        Session s1 = conn.createSession();
        Session s2 = conn.createSession();
        Topic topic = newTopic(s1);
        String name = uniqueName("shared");
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name, null);
        MessageConsumer plain = autoSession().createConsumer(topic);
        conn.start();
        connection.start();

        sendTexts(autoSession(), topic, texts("m", 10));

        assertSharedBetween(c1, c2, 10);
        // a separate, ordinary subscription still sees everything
        assertThat(receiveTexts(plain, 10)).containsExactly(texts("m", 10));
    }

    @Test
    void sharedNonDurableSubscriptionLivesUntilItsLastConsumerCloses() throws Exception {
        Session s1 = autoSession();
        Session s2 = autoSession();
        Topic topic = newTopic(s1);
        String name = uniqueName("shared");
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name);
        connection.start();

        c1.close();
        sendTexts(autoSession(), topic, "while-one-remains");
        assertThat(receiveText(c2)).isEqualTo("while-one-remains");

        c2.close();
        sendTexts(autoSession(), topic, "after-last-closed");
        MessageConsumer fresh = s1.createSharedConsumer(topic, name);
        assertNoMessage(fresh);
    }

    @Test
    void sharedNonDurableAndDurableSubscriptionsWithTheSameNameAreSeparate() throws Exception {
        Connection conn = clientConnection(uniqueName("client"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String name = uniqueName("same");
        MessageConsumer nonDurable = session.createSharedConsumer(topic, name);
        MessageConsumer durable = session.createDurableConsumer(topic, name);

        sendTexts(session, topic, "m1");

        assertThat(receiveText(nonDurable)).isEqualTo("m1");
        assertThat(receiveText(durable)).isEqualTo("m1");
        durable.close();
        session.unsubscribe(name);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Receives {@code total} messages from two consumers: every message exactly once, each got some. */
    private static void assertSharedBetween(MessageConsumer c1, MessageConsumer c2, int total) throws Exception {
        List<String> got1 = new ArrayList<>();
        List<String> got2 = new ArrayList<>();
        boolean progress = true;
        while (got1.size() + got2.size() < total && progress) {
            progress = false;
            Message m = c1.receive(NO_MESSAGE_TIMEOUT_MS);
            if (m != null) {
                got1.add(((TextMessage) m).getText());
                progress = true;
            }
            m = c2.receive(NO_MESSAGE_TIMEOUT_MS);
            if (m != null) {
                got2.add(((TextMessage) m).getText());
                progress = true;
            }
        }
        List<String> all = new ArrayList<>(got1);
        all.addAll(got2);
        assertThat(all).as("every message exactly once").containsExactlyInAnyOrder(texts("m", total));
        assertThat(got1).as("first consumer's share").isNotEmpty();
        assertThat(got2).as("second consumer's share").isNotEmpty();
        Set<String> none = new HashSet<>();
        Message extra1 = c1.receive(NO_MESSAGE_TIMEOUT_MS);
        Message extra2 = c2.receiveNoWait();
        if (extra1 != null) {
            none.add(((TextMessage) extra1).getText());
        }
        if (extra2 != null) {
            none.add(((TextMessage) extra2).getText());
        }
        assertThat(none).as("no duplicates afterwards").isEmpty();
    }
}
