package org.messagestore.broker;

import java.util.Comparator;
import org.messagestore.store.StoredReference;

/**
 * One queue's hold on a message: the same {@link BrokerMessage} may be referenced by several
 * subscriptions, each with its own delivery count.
 *
 * <p>Threads: {@code deliveryCount} and {@code redeliverAt} are changed only by the queue that holds
 * the reference, under that queue's lock, while the reference is in none of its sorted sets (when it
 * comes back after a rollback).
 */
final class MessageReference {

    /**
     * Dispatch order: higher priority first, then arrival order. Jakarta Messaging 3.1, 3.4.10
     * "JMSPriority": a provider should do its best to deliver expedited messages ahead of normal ones.
     * A reference taken back after a rollback sorts to its original position by the same rule.
     */
    static final Comparator<MessageReference> DISPATCH_ORDER =
            Comparator.comparingInt((MessageReference r) -> -r.message.priority())
                    .thenComparingLong(r -> r.message.storeId());

    private final BrokerMessage message;
    private int deliveryCount;
    /** Not delivered again before this (epoch millis) after it came back; 0 when not held back. */
    private long redeliverAt;

    MessageReference(BrokerMessage message, int deliveryCount) {
        this.message = message;
        this.deliveryCount = deliveryCount;
    }

    /** A queue's reference read back from the store, with its stored delivery count and redelivery time. */
    static MessageReference stored(StoredReference reference) {
        MessageReference stored = new MessageReference(BrokerMessage.stored(reference), reference.deliveryCount());
        stored.redeliverAt = reference.redeliverAt();
        return stored;
    }

    BrokerMessage message() {
        return message;
    }

    /** Times delivered and taken back; the next delivery carries JMSXDeliveryCount = this + 1. */
    int deliveryCount() {
        return deliveryCount;
    }

    void countRedelivery() {
        deliveryCount++;
    }

    /** The redelivery delay of a message that came back: see {@link RedeliveryPolicy}. */
    long redeliverAt() {
        return redeliverAt;
    }

    void holdUntil(long epochMillis) {
        redeliverAt = epochMillis;
    }
}
