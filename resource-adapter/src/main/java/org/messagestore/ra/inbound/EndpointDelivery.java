package org.messagestore.ra.inbound;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one XA session's messages into an MDB, one at a time. When the MDB's onMessage is
 * transacted, {@code beforeDelivery} makes the server start a transaction and enlist the session's
 * XAResource, so the message the session consumed belongs to that branch: a commit acknowledges
 * it, a rollback gives it back to the broker, which redelivers it (with JMSRedelivered and
 * JMSXDeliveryCount) and, past its maximum deliveries, moves it to the dead-letter queue. Without a
 * transaction the session acknowledges after onMessage returns; an exception from the MDB makes the
 * client redeliver instead.
 *
 * <p>Threads: the client's listener thread of this session; one endpoint per session, reused.
 */
final class EndpointDelivery implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointDelivery.class);
    private static final java.lang.reflect.Method ON_MESSAGE = onMessageMethod();

    private final MessageEndpointFactory endpoints;
    private final XAResource resource;
    private final boolean transacted;
    private MessageEndpoint endpoint;

    /** @param transacted whether the MDB's onMessage is transacted ({@link #transacted(MessageEndpointFactory)}) */
    EndpointDelivery(MessageEndpointFactory endpoints, XAResource resource, boolean transacted) {
        this.endpoints = endpoints;
        this.resource = resource;
        this.transacted = transacted;
    }

    /** Asked once per activation: the MDB's transaction attribute does not change while it is deployed. */
    static boolean transacted(MessageEndpointFactory endpoints) {
        try {
            return endpoints.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the endpoint has no onMessage(Message)", e);
        }
    }

    @Override
    public void onMessage(Message message) {
        MessageEndpoint target = endpoint();
        if (!transacted) {
            ((MessageListener) target).onMessage(message); // a RuntimeException makes the client redeliver
            return;
        }
        try {
            target.beforeDelivery(ON_MESSAGE);
        } catch (ResourceException | NoSuchMethodException | RuntimeException e) {
            // No transaction holds the message: the client must take it back, not acknowledge it.
            throw new IllegalStateException("the server could not start the MDB's transaction: " + e.getMessage(), e);
        }
        try {
            ((MessageListener) target).onMessage(message);
        } catch (RuntimeException e) {
            LOG.debug("{} threw; its transaction rolls back and the message is redelivered", endpoints.getEndpointClass(), e);
        } finally {
            try {
                target.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                LOG.warn("{}: completing the delivery's transaction failed ({}); the broker redelivers the message",
                        endpoints.getEndpointClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private MessageEndpoint endpoint() {
        if (endpoint == null) {
            try {
                endpoint = endpoints.createEndpoint(transacted ? resource : null);
            } catch (UnavailableException e) {
                throw new IllegalStateException("the MDB is not available: " + e.getMessage(), e);
            }
        }
        return endpoint;
    }

    /** The connection closes: the server may reuse the endpoint's bean. */
    void release() {
        if (endpoint != null) {
            endpoint.release();
            endpoint = null;
        }
    }

    private static java.lang.reflect.Method onMessageMethod() {
        try {
            return MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
