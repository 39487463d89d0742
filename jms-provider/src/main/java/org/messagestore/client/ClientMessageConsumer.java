package org.messagestore.client;

import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.messagestore.client.message.ClientMessage;
import org.messagestore.client.message.MessageConversion;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;

/**
 * A consumer and its prefetch buffer. The broker fills the buffer through {@link DeliverySink};
 * {@code receive} or the session's listener thread empty it. The buffer is guarded by the session's
 * lock (one condition wakes both receivers and the listener thread).
 */
final class ClientMessageConsumer implements QueueReceiver, TopicSubscriber, DeliverySink {

    private final ClientSession session;
    private final ConsumerSpec spec;
    private final Destination destination;
    private final boolean noLocal;
    private final ArrayDeque<Delivery> buffer = new ArrayDeque<>();
    /** Prefetch 0 and a listener: a pull is outstanding, don't ask again. Guarded by the session lock. */
    private boolean pullOutstanding;
    private volatile MessageListener listener;
    private volatile boolean closed;

    ClientMessageConsumer(ClientSession session, ConsumerSpec spec, Destination destination, boolean noLocal) {
        this.session = session;
        this.spec = spec;
        this.destination = destination;
        this.noLocal = noLocal;
    }

    long id() {
        return spec.consumerId();
    }

    boolean pullsPerMessage() {
        return spec.prefetch() == 0;
    }

    // ---- DeliverySink, called by broker threads

    @Override
    public void deliver(Delivery delivery) {
        session.lock.lock();
        try {
            if (closed) {
                return;
            }
            buffer.addLast(delivery);
            pullOutstanding = false;
            session.changed.signalAll();
        } finally {
            session.lock.unlock();
        }
    }

    @Override
    public void discardBuffered() {
        session.lock.lock();
        try {
            buffer.clear();
            pullOutstanding = false;
            session.changed.signalAll();
        } finally {
            session.lock.unlock();
        }
    }

    // ---- buffer access, under the session lock

    /** Takes the next deliverable message; expired ones are moved to {@code expired} (never delivered, 3.4.9). */
    Delivery pollLocked(List<Delivery> expired) {
        long now = System.currentTimeMillis();
        Delivery next;
        while ((next = buffer.pollFirst()) != null) {
            if (!next.message().isExpired(now)) {
                return next;
            }
            expired.add(next);
        }
        return null;
    }

    boolean hasBufferedLocked() {
        return !buffer.isEmpty();
    }

    /** Prefetch 0 with a listener: whether the listener thread should ask the broker for a message. */
    boolean claimPullLocked() {
        if (!pullsPerMessage() || pullOutstanding || !buffer.isEmpty() || closed || listener == null) {
            return false;
        }
        pullOutstanding = true;
        return true;
    }

    /** Expired deliveries count as consumed: they leave with the session's next acknowledgement. */
    void discardExpired(List<Delivery> expired) {
        for (Delivery d : expired) {
            session.link().consumed(id(), d.deliveryId());
        }
    }

    /** Hands a delivery to the application: tells the broker, then builds the message it sees. */
    ClientMessage toApplication(Delivery delivery) {
        session.link().consumed(id(), delivery.deliveryId());
        return toMessage(delivery);
    }

    /**
     * A receiving thread took {@code delivery}. If its session acknowledges next on its own
     * ({@link ClientSession#afterReceive}), the report may travel with that acknowledgement.
     */
    private void reportConsumedByReceiver(Delivery delivery) {
        if (session.acknowledgesImplicitly()) {
            session.link().consumedBeforeAcknowledge(id(), delivery.deliveryId());
        } else {
            session.link().consumed(id(), delivery.deliveryId());
        }
    }

    private ClientMessage toMessage(Delivery delivery) {
        ClientMessage message = MessageConversion.fromData(delivery.message(), delivery.deliveryCount(), session.connection().deserializationAllowList());
        if (session.mode() == Session.CLIENT_ACKNOWLEDGE) {
            message.setAcknowledger(session::acknowledgeAll);
        }
        return message;
    }

    // ---- synchronous receive (Jakarta Messaging 3.1, 8.2)

    @Override
    public Message receive() throws JMSException {
        return receive(Long.MAX_VALUE, false);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return timeout <= 0 ? receive() : receive(timeout, false);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(0, true);
    }

    private Message receive(long timeoutMillis, boolean noWait) throws JMSException {
        Delivery delivery = take(timeoutMillis, noWait);
        if (delivery == null) {
            return null;
        }
        reportConsumedByReceiver(delivery);
        ClientMessage message = toMessage(delivery);
        session.afterReceive();
        return message;
    }

    /**
     * JMSConsumer.receiveBody: in AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE a body the reader rejects
     * leaves the message where it was, to be delivered again before any later message and not
     * counted as a redelivery; in the other modes the message counts as delivered (receiveBody javadoc).
     */
    <T> T receiveBody(long timeoutMillis, boolean noWait, Function<Message, T> bodyReader) throws JMSException {
        Delivery delivery = take(timeoutMillis <= 0 && !noWait ? Long.MAX_VALUE : timeoutMillis, noWait);
        if (delivery == null) {
            return null;
        }
        if (session.acknowledgesImplicitly()) {
            T body;
            try {
                body = bodyReader.apply(MessageConversion.fromData(delivery.message(), delivery.deliveryCount(), session.connection().deserializationAllowList()));
            } catch (RuntimeException e) {
                putBack(delivery);
                throw e;
            }
            reportConsumedByReceiver(delivery);
            session.afterReceive();
            return body;
        }
        return bodyReader.apply(toApplication(delivery));
    }

    private void putBack(Delivery delivery) {
        session.lock.lock();
        try {
            if (!closed) {
                buffer.addFirst(delivery);
            }
        } finally {
            session.lock.unlock();
        }
    }

    /** Waits for the next live delivery, pulling one first when prefetch is 0. */
    private Delivery take(long timeoutMillis, boolean noWait) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("receive() is not allowed while a message listener is set on this consumer");
        }
        session.awaitAcknowledged(); // the previous message's, before this one is handed out (AUTO_ACKNOWLEDGE)
        if (pullsPerMessage() && session.connection().isStarted() && !hasBuffered()) {
            session.link().pull(id());
        }
        List<Delivery> expired = new ArrayList<>();
        Delivery delivery = awaitDelivery(timeoutMillis, noWait, expired);
        if (delivery == null && pullsPerMessage()) {
            // Withdraw the pull; a message the broker sent for it before that is in the buffer now.
            session.link().drain(id());
            delivery = pollIfStarted(expired);
        }
        discardExpired(expired);
        return delivery;
    }

    private boolean hasBuffered() {
        session.lock.lock();
        try {
            return !buffer.isEmpty();
        } finally {
            session.lock.unlock();
        }
    }

    private Delivery awaitDelivery(long timeoutMillis, boolean noWait, List<Delivery> expired) throws JMSException {
        long deadline = timeoutMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        session.lock.lock();
        try {
            while (true) {
                if (closed || session.isClosed()) {
                    return null;
                }
                if (session.connection().isStarted()) {
                    Delivery delivery = pollLocked(expired);
                    if (delivery != null) {
                        return delivery;
                    }
                }
                if (noWait) {
                    return null;
                }
                if (deadline == Long.MAX_VALUE) {
                    session.changed.await();
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return null;
                    }
                    session.changed.awaitNanos(remaining);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            session.lock.unlock();
        }
    }

    private Delivery pollIfStarted(List<Delivery> expired) {
        session.lock.lock();
        try {
            return closed || !session.connection().isStarted() ? null : pollLocked(expired);
        } finally {
            session.lock.unlock();
        }
    }

    // ---- asynchronous delivery

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener messageListener) throws JMSException {
        checkOpen();
        listener = messageListener;
        if (messageListener != null) {
            session.listeners().ensureStarted();
        }
        session.wakeUp();
    }

    MessageListener listener() {
        return listener;
    }

    // ---- close (Jakarta Messaging 3.1, 8.8: close waits for a receive or listener in progress)

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (!session.isListenerThread()) {
            // A listener may close its own consumer (8.8); from any other thread, let it finish first.
            session.listeners().awaitIdleOf(this);
        }
        markClosed();
        session.consumers().consumerClosed(this);
        if (!session.isClosed()) {
            session.awaitAcknowledgedBeforeRelease();
            session.link().closeConsumer(id());
        }
    }

    void markClosed() {
        session.lock.lock();
        try {
            closed = true;
            buffer.clear();
            session.changed.signalAll();
        } finally {
            session.lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("consumer is closed");
        }
    }

    // ---- accessors

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return spec.selector();
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

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public String toString() {
        return "ClientMessageConsumer[" + spec.consumerId() + " on " + spec.destination() + "]";
    }
}
