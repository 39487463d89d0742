package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Messaging 3.1, Sessions ("Creating temporary destinations"), TemporaryQueue/TemporaryTopic javadoc:
 * temporary destinations live as long as their connection and only it may consume from them.
 */
class TemporaryDestinationTest extends JmsTestSupport {

    @Test
    void temporaryQueueCarriesMessagesWithinItsConnection() throws Exception {
        Session session = autoSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        assertThat(queue.getQueueName()).isNotBlank();
        // any session of the creating connection may consume
        MessageConsumer consumer = autoSession().createConsumer(queue);
        connection.start();

        sendTexts(session, queue, "m1", "m2");
        assertThat(receiveTexts(consumer, 2)).containsExactly("m1", "m2");
    }

    @Test
    void temporaryTopicCarriesMessagesToItsSubscribers() throws Exception {
        Session session = autoSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        assertThat(topic.getTopicName()).isNotBlank();
        MessageConsumer s1 = session.createConsumer(topic);
        MessageConsumer s2 = autoSession().createConsumer(topic);
        connection.start();

        sendTexts(session, topic, "m1");
        assertThat(receiveText(s1)).isEqualTo("m1");
        assertThat(receiveText(s2)).isEqualTo("m1");
    }

    @Test
    void temporaryDestinationsAreUnique() throws Exception {
        Session session = autoSession();
        TemporaryQueue q1 = session.createTemporaryQueue();
        TemporaryQueue q2 = session.createTemporaryQueue();
        TemporaryQueue q3 = newConnection().createSession().createTemporaryQueue();
        assertThat(q1.getQueueName()).isNotEqualTo(q2.getQueueName()).isNotEqualTo(q3.getQueueName());
        assertThat(q1).isNotEqualTo(q2);
    }

    @Test
    void anotherConnectionMaySendToATemporaryQueue() throws Exception {
        Session session = autoSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        sendTexts(newConnection().createSession(), queue, "from-elsewhere");
        assertThat(receiveText(consumer)).isEqualTo("from-elsewhere");
    }

    @Test
    void consumingATemporaryQueueFromAnotherConnectionThrowsJMSException() throws Exception {
        TemporaryQueue queue = autoSession().createTemporaryQueue();
        Session other = newConnection().createSession();

        // TemporaryQueue javadoc: "can be consumed only by the Connection that created it"; the spec names no
        // subtype, so any JMSException (InvalidDestinationException, IllegalStateException, ...) conforms
        assertThrows(JMSException.class, () -> other.createConsumer(queue));
    }

    @Test
    void subscribingToATemporaryTopicFromAnotherConnectionThrowsJMSException() throws Exception {
        TemporaryTopic topic = autoSession().createTemporaryTopic();
        Session other = newConnection().createSession();

        assertThrows(JMSException.class, () -> other.createConsumer(topic));
    }

    @Test
    void deletingATemporaryQueueWithAnActiveConsumerThrowsJMSException() throws Exception {
        Session session = autoSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);

        assertThrows(JMSException.class, queue::delete); // TemporaryQueue.delete javadoc

        // still usable
        connection.start();
        sendTexts(session, queue, "m1");
        assertThat(receiveText(consumer)).isEqualTo("m1");
        consumer.close();
        queue.delete();
    }

    @Test
    void deletingATemporaryTopicWithAnActiveSubscriberThrowsJMSException() throws Exception {
        Session session = autoSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);

        assertThrows(JMSException.class, topic::delete); // TemporaryTopic.delete javadoc

        subscriber.close();
        topic.delete();
    }

    @Test
    void sendingToADeletedTemporaryQueueThrowsInvalidDestinationException() throws Exception {
        Session session = autoSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(queue);
        queue.delete();

        assertThrows(InvalidDestinationException.class, () -> producer.send(session.createTextMessage("x")));
        MessageProducer anonymous = session.createProducer(null);
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(queue, session.createTextMessage("x")));
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(queue));
    }

    @Test
    void sendingToADeletedTemporaryTopicThrowsInvalidDestinationException() throws Exception {
        Session session = autoSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        topic.delete();

        MessageProducer anonymous = session.createProducer(null);
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(topic, session.createTextMessage("x")));
    }

    @Test
    void temporaryDestinationsAreDeletedWhenTheirConnectionCloses() throws Exception {
        Connection owner = newConnection();
        Session ownerSession = owner.createSession();
        TemporaryQueue queue = ownerSession.createTemporaryQueue();
        TemporaryTopic topic = ownerSession.createTemporaryTopic();
        Session session = autoSession();
        MessageProducer producer = session.createProducer(null);
        producer.send(queue, session.createTextMessage("while-open"));

        owner.close(); // Connection.close javadoc: closing a connection deletes its temporary destinations

        assertThrows(InvalidDestinationException.class, () -> producer.send(queue, session.createTextMessage("x")));
        assertThrows(InvalidDestinationException.class, () -> producer.send(topic, session.createTextMessage("x")));
    }

    @Test
    void requestReplyThroughATemporaryQueueInJMSReplyTo() throws Exception {
        Session requester = autoSession();
        Queue service = newQueue(requester);
        TemporaryQueue replyQueue = requester.createTemporaryQueue();
        MessageConsumer replies = requester.createConsumer(replyQueue);
        connection.start();

        Connection serverConnection = newConnection();
        Session server = serverConnection.createSession();
        MessageProducer replier = server.createProducer(null);
        CountDownLatch served = new CountDownLatch(1);
        server.createConsumer(service).setMessageListener(request -> {
            try {
                Destination replyTo = request.getJMSReplyTo();
                TextMessage reply = server.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(replyTo, reply);
                served.countDown();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        serverConnection.start();

        TextMessage request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replyQueue);
        try (MessageProducer producer = requester.createProducer(service)) {
            producer.send(request);
        }

        Message reply = receiveMessage(replies);
        assertThat(served.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
        assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
        assertThat(reply.getJMSDestination()).isInstanceOf(TemporaryQueue.class);
        assertThat(((TemporaryQueue) reply.getJMSDestination()).getQueueName()).isEqualTo(replyQueue.getQueueName());
    }

    @Test
    void jmsReplyToOfAReceivedMessageIsTheTemporaryQueue() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        TemporaryQueue replyQueue = session.createTemporaryQueue();
        TextMessage message = session.createTextMessage("x");
        message.setJMSReplyTo(replyQueue);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message);
        }
        connection.start();

        Destination replyTo = receiveMessage(session.createConsumer(queue)).getJMSReplyTo();
        assertThat(replyTo).isInstanceOf(TemporaryQueue.class);
        assertThat(((TemporaryQueue) replyTo).getQueueName()).isEqualTo(replyQueue.getQueueName());
        assertThat(replyTo).isEqualTo(replyQueue);
    }
}
