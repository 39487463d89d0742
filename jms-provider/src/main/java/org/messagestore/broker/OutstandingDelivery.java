package org.messagestore.broker;

/**
 * A message pushed to a consumer and not yet acknowledged, committed or taken back. It belongs to
 * the consumer's session (see {@link org.messagestore.model.BrokerConnection}).
 *
 * <p>Threads: {@code consumed} is guarded by the owning {@link ServerSession}'s lock.
 */
final class OutstandingDelivery {

    private final long deliveryId;
    private final ServerConsumer consumer;
    private final MessageReference reference;
    private boolean consumed;

    OutstandingDelivery(long deliveryId, ServerConsumer consumer, MessageReference reference) {
        this.deliveryId = deliveryId;
        this.consumer = consumer;
        this.reference = reference;
    }

    long deliveryId() {
        return deliveryId;
    }

    ServerConsumer consumer() {
        return consumer;
    }

    MessageQueue queue() {
        return consumer.queue();
    }

    MessageReference reference() {
        return reference;
    }

    boolean consumed() {
        return consumed;
    }

    void markConsumed() {
        consumed = true;
    }
}
