package org.messagestore.ra.inbound;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.ra.MessageStoreResourceAdapter;
import org.messagestore.ra.admin.MessageStoreQueue;
import org.messagestore.ra.admin.MessageStoreTopic;
import org.messagestore.ra.outbound.Credentials;
import org.messagestore.ra.outbound.PooledConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MDB's consumers: a connection to the broker with {@code maxSession} XA sessions, each with a
 * consumer whose message listener is an {@link EndpointDelivery} into the MDB. When the connection
 * is lost (a remote broker restarting) it is closed and opened again, waiting
 * {@code reconnectDelayMillis} first and twice as long after each failure, up to
 * {@code reconnectMaxDelayMillis}; each attempt is logged. Activation itself never waits for the
 * broker, so a server starts while its broker is down.
 *
 * <p>Threads: {@link #start}, {@link #stop} and the reconnect task run on different threads and
 * serialise on this object; deliveries run on the client's listener threads.
 */
public final class EndpointActivation {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointActivation.class);

    private final MessageStoreResourceAdapter adapter;
    private final MessageEndpointFactory endpoints;
    private final MessageStoreActivationSpec spec;
    private final List<EndpointDelivery> deliveries = new ArrayList<>();
    private XAConnection connection;
    private ScheduledFuture<?> pendingReconnect;
    private Duration nextDelay;
    private boolean stopped;

    public EndpointActivation(MessageStoreResourceAdapter adapter, MessageEndpointFactory endpoints,
                              MessageStoreActivationSpec spec) {
        this.adapter = adapter;
        this.endpoints = endpoints;
        this.spec = spec;
        this.nextDelay = adapter.reconnectDelay();
    }

    /** Connects now if the broker is there, else keeps trying in the background. */
    public synchronized void start() throws ResourceException {
        try {
            connect();
        } catch (JMSException | NamingException e) {
            LOG.warn("{}: cannot consume yet ({}); retrying in {} ms", endpoints.getEndpointClass().getSimpleName(),
                    e.getMessage(), nextDelay.toMillis());
            scheduleReconnect();
        }
    }

    /** Stops consuming: waits for deliveries in progress, then closes the connection. */
    public void stop() {
        XAConnection closing;
        synchronized (this) {
            stopped = true;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
            closing = connection;
            connection = null;
        }
        close(closing);
        releaseEndpoints();
    }

    private void connect() throws JMSException, NamingException {
        Destination destination = destination();
        MessageStoreConnectionFactory factory = adapter.connectionFactory(spec.getPrefetch());
        Credentials credentials = credentials();
        XAConnection opened = adapter.openXAConnection(factory, credentials.user(), credentials.password());
        try {
            if (spec.getClientId() != null && !spec.getClientId().isBlank()) {
                opened.setClientID(spec.getClientId());
            }
            opened.setExceptionListener(this::connectionLost);
            List<EndpointDelivery> started = new ArrayList<>();
            boolean transacted = EndpointDelivery.transacted(endpoints);
            for (int i = 0; i < spec.sessions(); i++) {
                XASession session = opened.createXASession();
                EndpointDelivery delivery = new EndpointDelivery(endpoints, session.getXAResource(), transacted);
                consumer(session, destination).setMessageListener(delivery);
                started.add(delivery);
            }
            opened.start();
            deliveries.addAll(started);
        } catch (JMSException | RuntimeException e) {
            close(opened);
            throw e;
        }
        connection = opened;
        nextDelay = adapter.reconnectDelay();
        LOG.info("{} consumes from {} with {} session(s)", endpoints.getEndpointClass().getSimpleName(), destination,
                spec.sessions());
    }

    private MessageConsumer consumer(Session session, Destination destination) throws JMSException {
        String selector = spec.getMessageSelector() == null || spec.getMessageSelector().isBlank() ? null : spec.getMessageSelector();
        if (destination instanceof Queue) {
            return session.createConsumer(destination, selector);
        }
        Topic topic = (Topic) destination;
        String name = spec.getSubscriptionName();
        if (spec.durable()) {
            return spec.shared() ? session.createSharedDurableConsumer(topic, name, selector)
                    : session.createDurableConsumer(topic, name, selector, false);
        }
        return spec.shared() ? session.createSharedConsumer(topic, name, selector) : session.createConsumer(topic, selector);
    }

    /** destinationLookup names a bound queue or topic; destination names one in the broker. */
    private Destination destination() throws NamingException, JMSException {
        String lookup = spec.getDestinationLookup();
        if (lookup != null && !lookup.isBlank()) {
            Object bound = new InitialContext().lookup(lookup);
            if (spec.isQueue() && bound instanceof Queue || spec.isTopic() && bound instanceof Topic) {
                return (Destination) bound;
            }
            throw new JMSException("destinationLookup " + lookup + " names " + bound + ", not a " + spec.getDestinationType());
        }
        String name = spec.getDestination();
        return spec.isQueue() ? new MessageStoreQueue(name) : new MessageStoreTopic(name);
    }

    /** The activation's user, else that of the factory connectionFactoryLookup names, else the adapter's. */
    private Credentials credentials() throws NamingException, JMSException {
        if (spec.getUser() != null && !spec.getUser().isBlank()) {
            return new Credentials(spec.getUser(), spec.getPassword());
        }
        String lookup = spec.getConnectionFactoryLookup();
        if (lookup != null && !lookup.isBlank()) {
            Object bound = new InitialContext().lookup(lookup);
            if (!(bound instanceof PooledConnectionFactory factory)) {
                throw new JMSException("connectionFactoryLookup " + lookup + " names " + bound
                        + ", not a connection factory of the MessageStore resource adapter");
            }
            return factory.signOn();
        }
        return new Credentials(null, null);
    }

    private void connectionLost(JMSException failure) {
        XAConnection lost;
        synchronized (this) {
            if (stopped || connection == null) {
                return;
            }
            lost = connection;
            connection = null;
            LOG.warn("{}: connection to the broker lost ({}); reconnecting in {} ms",
                    endpoints.getEndpointClass().getSimpleName(), failure.getMessage(), nextDelay.toMillis());
        }
        adapter.reconnects().execute(() -> {
            close(lost);
            releaseEndpoints();
            synchronized (this) {
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        Duration delay = nextDelay;
        nextDelay = delay.multipliedBy(2).compareTo(adapter.reconnectMaxDelay()) > 0 ? adapter.reconnectMaxDelay()
                : delay.multipliedBy(2);
        pendingReconnect = adapter.reconnects().schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (stopped || connection != null) {
            return;
        }
        try {
            connect();
            LOG.info("{}: reconnected to the broker", endpoints.getEndpointClass().getSimpleName());
        } catch (JMSException | NamingException | RuntimeException e) {
            LOG.warn("{}: reconnection failed ({}); next attempt in {} ms", endpoints.getEndpointClass().getSimpleName(),
                    e.getMessage(), nextDelay.toMillis());
            scheduleReconnect();
        }
    }

    private static void close(XAConnection closing) {
        if (closing != null) {
            try {
                closing.close();
            } catch (JMSException e) {
                LOG.debug("closing an MDB connection failed", e);
            }
        }
    }

    private synchronized void releaseEndpoints() {
        deliveries.forEach(EndpointDelivery::release);
        deliveries.clear();
    }
}
