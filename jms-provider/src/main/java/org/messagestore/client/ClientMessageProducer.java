package org.messagestore.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.util.concurrent.CompletableFuture;
import org.messagestore.client.destination.Destinations;
import org.messagestore.client.message.MessageConversion;
import org.messagestore.model.BrokerAnswers;
import org.messagestore.model.DestinationName;
import org.messagestore.model.DiskWaits;
import org.messagestore.model.MessageData;

/**
 * A producer: stamps the headers the provider owns on the application's message, copies it into a
 * {@link MessageData} and hands that to the broker (Jakarta Messaging 3.1, chapter 7).
 */
final class ClientMessageProducer implements QueueSender, TopicPublisher {

    private final ClientSession session;
    private final Destination destination;
    private final DestinationName destinationName;
    private volatile boolean closed;
    private volatile int deliveryMode = DeliveryMode.PERSISTENT;
    private volatile int priority = Message.DEFAULT_PRIORITY;
    private volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private volatile boolean disableMessageId;
    private volatile boolean disableMessageTimestamp;

    ClientMessageProducer(ClientSession session, Destination destination, DestinationName destinationName) {
        this.session = session;
        this.destination = destination;
        this.destinationName = destinationName;
    }

    // ---- send

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        requireOwnDestination();
        sendTo(destination, destinationName, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        requireNoOwnDestination(target);
        sendTo(target, Destinations.toName(target), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkOpen();
        requireOwnDestination();
        requireListener(listener);
        sendTo(destination, destinationName, message, mode, prio, ttl, listener);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl,
            CompletionListener listener) throws JMSException {
        checkOpen();
        requireNoOwnDestination(target);
        requireListener(listener);
        sendTo(target, Destinations.toName(target), message, mode, prio, ttl, listener);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    private void requireOwnDestination() {
        if (destination == null) {
            throw new UnsupportedOperationException(
                    "this producer was created without a destination; use send(destination, message)");
        }
    }

    private void requireNoOwnDestination(Destination target) throws InvalidDestinationException {
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destinationName
                    + "; use send(message) or a producer created without a destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
    }

    private static void requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("CompletionListener must not be null");
        }
    }

    /**
     * Sets JMSDestination, JMSDeliveryMode, JMSExpiration, JMSDeliveryTime, JMSPriority, JMSMessageID
     * and JMSTimestamp on the message, as the spec requires even for another provider's message
     * (3.4.11), then sends a copy.
     */
    private void sendTo(Destination target, DestinationName targetName, Message message, int mode, int prio,
            long ttl, CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("message must not be null");
        }
        validateDeliveryMode(mode);
        validatePriority(prio);
        long now = System.currentTimeMillis();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSTimestamp(disableMessageTimestamp ? 0L : now);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0L);
        message.setJMSDeliveryTime(now + deliveryDelay);
        message.setJMSMessageID(disableMessageId ? null : session.connection().newMessageId());
        MessageData data = MessageConversion.toData(message);
        if (listener != null) {
            session.completions().submit(sendWithoutWaiting(data), message, listener);
        } else if (session.pipelinesSend(mode)) {
            session.pipelined(session.sendPipelined(data));
        } else {
            BrokerAnswers.await(session.link().send(session.id(), data), "send");
        }
    }

    /**
     * An asynchronous send: this thread goes on without waiting for the disk, so an in-VM broker must
     * not make it sync the store itself ({@link DiskWaits}); the sends that follow can share the sync.
     */
    private CompletableFuture<Void> sendWithoutWaiting(MessageData data) {
        boolean allowed = DiskWaits.allowed();
        DiskWaits.allow(false);
        try {
            return session.link().send(session.id(), data);
        } finally {
            DiskWaits.allow(allowed);
        }
    }

    private static void validateDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode + "; use DeliveryMode.PERSISTENT or NON_PERSISTENT");
        }
    }

    private static void validatePriority(int prio) throws JMSException {
        if (prio < 0 || prio > 9) {
            throw new JMSException("invalid priority " + prio + "; priorities range from 0 to 9");
        }
    }

    // ---- settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableMessageTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableMessageTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        validateDeliveryMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        validatePriority(value);
        priority = value;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return (Topic) destination;
    }

    // ---- close

    /** Waits for this session's incomplete asynchronous sends (7.3.7); illegal from their callbacks. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (session.isCompletionThread()) {
            throw new IllegalStateException("close() must not be called from a CompletionListener of its own session");
        }
        session.completions().awaitPending();
        markClosed();
        session.producers().producerClosed(this);
    }

    void markClosed() {
        closed = true;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("producer is closed");
        }
    }

    @Override
    public String toString() {
        return "ClientMessageProducer[" + (destinationName == null ? "anonymous" : destinationName) + "]";
    }
}
