package org.messagestore.store.xodus;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * What a user of a broker (in another JVM, over TCP) sees, for the XA crash tests: requests sent with a
 * plain producer, queues drained or browsed by plain consumers, and the branches the broker's XAResource
 * recovers.
 */
final class BrokerProbe {

    /** A message a plain consumer received: its request id and whether it came as a redelivery. */
    record Received(String id, boolean redelivered) {
    }

    private final MessageStoreConnectionFactory factory;

    BrokerProbe(String url) {
        factory = new MessageStoreConnectionFactory(url);
    }

    void sendRequests(List<String> ids) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(RequestWorkflow.REQUESTS));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String id : ids) {
                Message request = session.createTextMessage("request " + id);
                request.setStringProperty(RequestWorkflow.ID, id);
                producer.send(request);
            }
            session.commit();
        }
    }

    /** Receives (and acknowledges) every message a plain consumer gets until none comes for {@code quietMs}. */
    List<Received> drain(String queue, long quietMs) throws JMSException {
        List<Received> received = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message m = consumer.receive(quietMs); m != null; m = consumer.receive(quietMs)) {
                received.add(new Received(m.getStringProperty(RequestWorkflow.ID), m.getJMSRedelivered()));
            }
        }
        return received;
    }

    /** The request ids on a queue, seen by a browser (nothing is consumed). */
    List<String> browse(String queue) throws JMSException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    ids.add(((Message) messages.nextElement()).getStringProperty(RequestWorkflow.ID));
                }
            }
        }
        return ids;
    }

    /** The prepared branches the broker's XAResource recovers, as {@link Xids#text} strings. */
    List<String> inDoubt() throws JMSException, XAException {
        try (XAConnection connection = factory.createXAConnection()) {
            XAResource resource = connection.createXASession().getXAResource();
            return Arrays.stream(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).map(Xids::text).toList();
        }
    }
}
