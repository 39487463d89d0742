package org.messagestore.client;

import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messagestore.client.destination.Destinations;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;

/**
 * What reads from a session's destinations: its message consumers and queue browsers. It checks a
 * create call, registers the consumer with the broker and keeps the open ones, which the session's
 * {@link ListenerDispatcher} walks to deliver to listeners.
 *
 * <p>Which exception a bad call gets depends on the order of the checks, and the spec and its
 * tests look at it, so each create method keeps its own order. The lists are copy-on-write: the
 * listener thread walks them while application threads create and close.
 */
final class SessionConsumers {

    private final ClientSession session;
    private final SessionDomain domain;
    private final List<ClientMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<ClientQueueBrowser> browsers = new CopyOnWriteArrayList<>();

    SessionConsumers(ClientSession session, SessionDomain domain) {
        this.session = session;
        this.domain = domain;
    }

    /** The open consumers, oldest first. */
    List<ClientMessageConsumer> open() {
        return consumers;
    }

    ClientMessageConsumer create(Destination destination, String selector, boolean noLocal) throws JMSException {
        return register(destination, selector, noLocal, null, false, false);
    }

    ClientMessageConsumer createShared(Topic topic, String name, String selector) throws JMSException {
        domain.checkTopicMethod("createSharedConsumer");
        return register(topic, selector, false, subscriptionName(name), false, true);
    }

    /**
     * An unshared durable subscription is identified by client id and name, so it needs a client id
     * (6.11.1). {@code method} names the JMS method called, for the domain check.
     */
    ClientMessageConsumer createDurable(String method, Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        domain.checkTopicMethod(method);
        session.checkOpen();
        if (topic == null) {
            // An invalid topic is reported as such before the missing client id.
            throw new InvalidDestinationException("topic must not be null");
        }
        String subscription = subscriptionName(name);
        if (session.connection().getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription ('" + subscription
                    + "') needs a client id: call Connection.setClientID first or use a shared durable subscription");
        }
        return register(topic, selector, noLocal, subscription, true, false);
    }

    ClientMessageConsumer createSharedDurable(Topic topic, String name, String selector) throws JMSException {
        domain.checkTopicMethod("createSharedDurableConsumer");
        return register(topic, selector, false, subscriptionName(name), true, true);
    }

    ClientQueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        session.checkOpen();
        domain.checkQueueMethod("createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("queue must not be null");
        }
        ClientQueueBrowser browser = new ClientQueueBrowser(session, queue, Destinations.toName(queue),
                normalised(selector));
        browsers.add(browser);
        return browser;
    }

    /** Deletes the durable subscription {@code name}. */
    void unsubscribe(String name) throws JMSException {
        session.checkOpen();
        domain.checkTopicMethod("unsubscribe");
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("subscription name must not be null or empty");
        }
        session.link().unsubscribe(name);
    }

    void consumerClosed(ClientMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    void browserClosed(ClientQueueBrowser browser) {
        browsers.remove(browser);
    }

    /** Once the session is closed: every consumer and browser is closed with it, without calling the broker. */
    void markAllClosed() {
        consumers.forEach(ClientMessageConsumer::markClosed);
        consumers.clear();
        browsers.forEach(ClientQueueBrowser::markClosed);
        browsers.clear();
    }

    private String subscriptionName(String name) throws JMSException {
        session.checkOpen();
        if (name == null || name.isEmpty()) {
            throw new JMSException("subscription name must not be null or empty");
        }
        return name;
    }

    private ClientMessageConsumer register(Destination destination, String selector, boolean noLocal,
            String subscriptionName, boolean durable, boolean shared) throws JMSException {
        session.checkOpen();
        if (destination == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        DestinationName name = Destinations.toName(destination);
        if (subscriptionName != null && !name.isTopic()) {
            throw new InvalidDestinationException("subscriptions need a topic, not " + name);
        }
        ClientConnection connection = session.connection();
        ConsumerSpec spec = new ConsumerSpec(connection.newConsumerId(), session.id(), name, normalised(selector),
                noLocal && name.isTopic(), subscriptionName, durable, shared, connection.prefetch());
        ClientMessageConsumer consumer = new ClientMessageConsumer(session, spec, destination, noLocal);
        consumers.add(consumer);
        try {
            session.link().createConsumer(spec, consumer);
        } catch (JMSException | RuntimeException e) {
            consumers.remove(consumer);
            throw e;
        }
        return consumer;
    }

    /** A blank selector selects every message, as no selector does. */
    private static String normalised(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
