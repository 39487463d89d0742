package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The domain-specific (JMS 1.0) interfaces: QueueConnectionFactory ... QueueReceiver and TopicConnectionFactory
 * ... TopicSubscriber, including the cross-domain methods that QueueSession, TopicSession and QueueConnection
 * must refuse with IllegalStateException (their class javadoc).
 */
class LegacyApiTest extends JmsTestSupport {

    private interface QueueSessionCall {
        void call(QueueSession session, Topic topic) throws Exception;
    }

    private interface TopicSessionCall {
        void call(TopicSession session, Queue queue) throws Exception;
    }

    private QueueConnection queueConnection() throws Exception {
        QueueConnectionFactory qcf = factory();
        return track(qcf.createQueueConnection());
    }

    private TopicConnection topicConnection() throws Exception {
        TopicConnectionFactory tcf = factory();
        return track(tcf.createTopicConnection());
    }

    // ---- point-to-point --------------------------------------------------------------------------------------

    @Test
    void queueSenderAndQueueReceiverWorkEndToEnd() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession session = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(uniqueName("q"));
        QueueSender sender = session.createSender(queue);
        QueueReceiver receiver = session.createReceiver(queue);
        conn.start();

        assertThat(sender.getQueue()).isEqualTo(queue);
        assertThat(receiver.getQueue()).isEqualTo(queue);
        sender.send(session.createTextMessage("m1"));
        sender.send(session.createTextMessage("m2"), jakarta.jms.DeliveryMode.NON_PERSISTENT, 4, 0);

        assertThat(receiveTexts(receiver, 2)).containsExactly("m1", "m2");
        assertNoMessage(receiver);
    }

    @Test
    void queueReceiverWithSelectorAndUnidentifiedSender() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession session = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(uniqueName("q"));
        QueueSender sender = session.createSender(null);
        for (String kind : new String[] {"a", "b"}) {
            TextMessage m = session.createTextMessage(kind);
            m.setStringProperty("kind", kind);
            sender.send(queue, m);
        }
        QueueReceiver receiver = session.createReceiver(queue, "kind = 'b'");
        conn.start();

        assertThat(receiver.getMessageSelector()).isEqualTo("kind = 'b'");
        assertThat(receiveText(receiver)).isEqualTo("b");
        assertNoMessage(receiver);
    }

    @Test
    void transactedQueueSessionCommitsAndRollsBack() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession session = conn.createQueueSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue(uniqueName("q"));
        QueueSender sender = session.createSender(queue);
        sender.send(session.createTextMessage("rolled-back"));
        session.rollback();
        sender.send(session.createTextMessage("committed"));
        session.commit();
        QueueReceiver receiver = session.createReceiver(queue);
        conn.start();

        assertThat(receiveText(receiver)).isEqualTo("committed");
        session.commit();
        assertNoMessage(receiver);
    }

    @Test
    void temporaryQueueFromQueueSession() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession session = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temp = session.createTemporaryQueue();
        session.createSender(temp).send(session.createTextMessage("m1"));
        conn.start();

        assertThat(receiveText(session.createReceiver(temp))).isEqualTo("m1");
    }

    @Test
    void queueBrowserFromQueueSession() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession session = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(uniqueName("q"));
        session.createSender(queue).send(session.createTextMessage("m1"));
        conn.start();

        try (QueueBrowser browser = session.createBrowser(queue)) {
            assertThat(browser.getEnumeration().hasMoreElements()).isTrue();
        }
        assertThat(receiveText(session.createReceiver(queue))).isEqualTo("m1");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // request() has no timeout
    void queueRequestorGetsTheReply() throws Exception {
        QueueConnection conn = queueConnection();
        QueueSession serverSession = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue service = serverSession.createQueue(uniqueName("service"));
        QueueSender replier = serverSession.createSender(null);
        serverSession.createReceiver(service).setMessageListener(request -> {
            try {
                replier.send((Queue) request.getJMSReplyTo(),
                        serverSession.createTextMessage("re: " + ((TextMessage) request).getText()));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        conn.start();

        QueueSession clientSession = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(clientSession, service);
        try {
            // QueueRequestor.request blocks without a timeout; the reply comes from the listener above
            Message reply = requestor.request(clientSession.createTextMessage("ping"));
            assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
        } finally {
            requestor.close();
        }
    }

    // ---- publish/subscribe -----------------------------------------------------------------------------------

    @Test
    void topicPublisherAndTopicSubscriberWorkEndToEnd() throws Exception {
        TopicConnection conn = topicConnection();
        TopicSession session = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(uniqueName("t"));
        TopicSubscriber s1 = session.createSubscriber(topic);
        TopicSubscriber s2 = session.createSubscriber(topic, null, false);
        TopicPublisher publisher = session.createPublisher(topic);
        conn.start();

        assertThat(publisher.getTopic()).isEqualTo(topic);
        assertThat(s1.getTopic()).isEqualTo(topic);
        assertThat(s1.getNoLocal()).isFalse();
        publisher.publish(session.createTextMessage("m1"));
        publisher.publish(session.createTextMessage("m2"), jakarta.jms.DeliveryMode.NON_PERSISTENT, 4, 0);

        assertThat(receiveTexts(s1, 2)).containsExactly("m1", "m2");
        assertThat(receiveTexts(s2, 2)).containsExactly("m1", "m2");
    }

    @Test
    void unidentifiedTopicPublisherPublishesPerCall() throws Exception {
        TopicConnection conn = topicConnection();
        TopicSession session = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(uniqueName("t"));
        TopicSubscriber subscriber = session.createSubscriber(topic);
        conn.start();

        TopicPublisher publisher = session.createPublisher(null);
        assertThat(publisher.getTopic()).isNull();
        publisher.publish(topic, session.createTextMessage("m1"));
        assertThat(receiveText(subscriber)).isEqualTo("m1");
    }

    @Test
    void noLocalTopicSubscriberSkipsItsOwnConnectionsMessages() throws Exception {
        TopicConnection conn = topicConnection();
        TopicSession session = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(uniqueName("t"));
        TopicSubscriber subscriber = session.createSubscriber(topic, null, true);
        conn.start();
        assertThat(subscriber.getNoLocal()).isTrue();

        session.createPublisher(topic).publish(session.createTextMessage("local"));
        TopicConnection other = topicConnection();
        TopicSession otherSession = other.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        otherSession.createPublisher(topic).publish(otherSession.createTextMessage("remote"));

        assertThat(receiveText(subscriber)).isEqualTo("remote");
        assertNoMessage(subscriber);
    }

    @Test
    void durableTopicSubscriberAndUnsubscribe() throws Exception {
        TopicConnection conn = topicConnection();
        conn.setClientID(uniqueName("client"));
        TopicSession session = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(uniqueName("t"));
        String name = uniqueName("sub");
        session.createDurableSubscriber(topic, name).close();
        session.createPublisher(topic).publish(session.createTextMessage("kept"));
        conn.start();

        TopicSubscriber subscriber = session.createDurableSubscriber(topic, name, null, false);
        assertThat(receiveText(subscriber)).isEqualTo("kept");
        subscriber.close();
        session.unsubscribe(name);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // request() has no timeout
    void topicRequestorGetsTheReply() throws Exception {
        TopicConnection conn = topicConnection();
        TopicSession serverSession = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic service = serverSession.createTopic(uniqueName("service"));
        TopicPublisher replier = serverSession.createPublisher(null);
        serverSession.createSubscriber(service).setMessageListener(request -> {
            try {
                replier.publish((Topic) request.getJMSReplyTo(),
                        serverSession.createTextMessage("re: " + ((TextMessage) request).getText()));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        conn.start();

        TopicSession clientSession = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(clientSession, service);
        try {
            Message reply = requestor.request(clientSession.createTextMessage("ping"));
            assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
        } finally {
            requestor.close();
        }
    }

    // ---- forbidden cross-domain calls -----------------------------------------------------------------------

    static Stream<Named<QueueSessionCall>> topicMethodsOfQueueSession() {
        return Stream.of(
                Named.of("createTopic", (s, t) -> s.createTopic("t")),
                Named.of("createTemporaryTopic", (s, t) -> s.createTemporaryTopic()),
                Named.of("createDurableSubscriber(topic, name)", (s, t) -> s.createDurableSubscriber(t, "d")),
                Named.of("createDurableSubscriber(topic, name, selector, noLocal)",
                        (s, t) -> s.createDurableSubscriber(t, "d", null, false)),
                Named.of("createDurableConsumer(topic, name)", (s, t) -> s.createDurableConsumer(t, "d")),
                Named.of("createDurableConsumer(topic, name, selector, noLocal)",
                        (s, t) -> s.createDurableConsumer(t, "d", null, false)),
                Named.of("createSharedConsumer(topic, name)", (s, t) -> s.createSharedConsumer(t, "s")),
                Named.of("createSharedConsumer(topic, name, selector)",
                        (s, t) -> s.createSharedConsumer(t, "s", null)),
                Named.of("createSharedDurableConsumer(topic, name)",
                        (s, t) -> s.createSharedDurableConsumer(t, "s")),
                Named.of("createSharedDurableConsumer(topic, name, selector)",
                        (s, t) -> s.createSharedDurableConsumer(t, "s", null)),
                Named.of("unsubscribe", (s, t) -> s.unsubscribe("d")));
    }

    @ParameterizedTest(name = "QueueSession.{0} throws IllegalStateException")
    @MethodSource("topicMethodsOfQueueSession")
    void queueSessionRefusesPublishSubscribeMethods(QueueSessionCall call) throws Exception {
        QueueConnection conn = queueConnection();
        conn.setClientID(uniqueName("client")); // so that durable calls cannot fail for a missing client id
        QueueSession session = conn.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = autoSession().createTopic(uniqueName("t"));

        // QueueSession class javadoc: these methods must throw IllegalStateException
        assertIllegalState(() -> call.call(session, topic));
    }

    static Stream<Named<TopicSessionCall>> queueMethodsOfTopicSession() {
        return Stream.of(
                Named.of("createQueue", (s, q) -> s.createQueue("q")),
                Named.of("createTemporaryQueue", (s, q) -> s.createTemporaryQueue()),
                Named.of("createBrowser(queue)", (s, q) -> s.createBrowser(q)),
                Named.of("createBrowser(queue, selector)", (s, q) -> s.createBrowser(q, null)));
    }

    @ParameterizedTest(name = "TopicSession.{0} throws IllegalStateException")
    @MethodSource("queueMethodsOfTopicSession")
    void topicSessionRefusesPointToPointMethods(TopicSessionCall call) throws Exception {
        TopicConnection conn = topicConnection();
        TopicSession session = conn.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = autoSession().createQueue(uniqueName("q"));

        // TopicSession class javadoc: these methods must throw IllegalStateException
        assertIllegalState(() -> call.call(session, queue));
    }

    @Test
    void queueConnectionRefusesCreateDurableConnectionConsumer() throws Exception {
        QueueConnection conn = queueConnection();
        Topic topic = autoSession().createTopic(uniqueName("t"));

        // QueueConnection class javadoc
        assertIllegalState(() -> conn.createDurableConnectionConsumer(topic, "d", null, null, 1));
    }

    @Test
    void sessionsOfAGenericConnectionMayUseBothDomains() throws Exception {
        Session session = autoSession();
        Queue queue = session.createQueue(uniqueName("q"));
        Topic topic = session.createTopic(uniqueName("t"));
        session.createTemporaryTopic();
        session.createTemporaryQueue();
        session.createConsumer(queue).close();
        session.createConsumer(topic).close();
    }
}
