package org.messagestore.broker;

import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;

/**
 * The broker's side of one client consumer: where its messages go and how many it may take.
 *
 * <p>Credit (Jakarta Messaging leaves prefetch to the provider): with prefetch N &gt; 0 the queue may
 * push while fewer than N pushed deliveries are unconsumed; with prefetch 0 it pushes one delivery per
 * {@link org.messagestore.model.BrokerConnection#pull}.
 *
 * <p>Threads: {@code unconsumed}, {@code pulls} and {@code attached} are guarded by the lock of
 * {@link #queue()}; every method that touches them is called by that queue with its lock held.
 */
final class ServerConsumer {

    private final ConsumerSpec spec;
    private final ServerSession session;
    private final DeliverySink sink;
    private final MessageQueue queue;
    private final Subscription subscription;
    private final MessageFilter filter;
    private int unconsumed;
    private int pulls;
    private boolean attached = true;

    /**
     * @param filter its selector on a queue; {@link MessageFilter#ALL} on a subscription, whose queue holds
     *               only messages its selector matched at send time
     */
    ServerConsumer(ConsumerSpec spec, ServerSession session, DeliverySink sink, MessageQueue queue, Subscription subscription,
                   MessageFilter filter) {
        this.filter = filter;
        this.spec = spec;
        this.session = session;
        this.sink = sink;
        this.queue = queue;
        this.subscription = subscription;
    }

    long id() {
        return spec.consumerId();
    }

    ConsumerSpec spec() {
        return spec;
    }

    ServerSession session() {
        return session;
    }

    MessageQueue queue() {
        return queue;
    }

    /** The topic subscription this consumer reads, or null for a queue consumer. */
    Subscription subscription() {
        return subscription;
    }

    /** Room for another delivery; never while its connection is stopped (6.1.4). */
    boolean hasCredit() {
        return attached && session.connection().isStarted() && (spec.prefetch() > 0 ? unconsumed < spec.prefetch() : pulls > 0);
    }

    /** Whether its selector selects the message (Jakarta Messaging 3.1, 3.8). */
    boolean selects(MessageReference reference) {
        return filter.matches(reference.message());
    }

    /** Pushes one message: records it as outstanding in the session, then hands it to the sink. */
    void deliver(MessageReference reference) {
        long deliveryId = session.connection().nextDeliveryId();
        session.addOutstanding(new OutstandingDelivery(deliveryId, this, reference));
        if (spec.prefetch() > 0) {
            unconsumed++;
        } else {
            pulls--;
        }
        sink.deliver(new Delivery(id(), deliveryId, reference.message().data(), reference.deliveryCount() + 1));
    }

    /** A delivery was handed to the application: frees one prefetch slot. */
    void consumedOne() {
        if (spec.prefetch() > 0 && unconsumed > 0) {
            unconsumed--;
        }
    }

    /** Unconsumed deliveries were taken back: the client's buffer is emptied and their slots freed. */
    void takenBack(int count) {
        sink.discardBuffered();
        if (spec.prefetch() > 0) {
            unconsumed = Math.max(0, unconsumed - count);
        }
    }

    void pull() {
        pulls++;
    }

    void drain() {
        pulls = 0;
    }

    /** Stops dispatch to this consumer for good. */
    void detach() {
        attached = false;
    }
}
