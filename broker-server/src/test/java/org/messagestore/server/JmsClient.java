package org.messagestore.server;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.messagestore.client.MessageStoreConnectionFactory;

/** A client in the test JVM that talks to a server over TCP. */
final class JmsClient {

    private JmsClient() {
    }

    static void send(int port, String queue, String text) throws JMSException {
        try (Connection connection = connect(port)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    /** The text of the next message on {@code queue}, or null when none arrives within five seconds. */
    static String receive(int port, String queue) throws JMSException {
        try (Connection connection = connect(port)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            var message = (TextMessage) consumer.receive(5_000);
            return message == null ? null : message.getText();
        }
    }

    static Connection connect(int port) throws JMSException {
        return new MessageStoreConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
    }
}
