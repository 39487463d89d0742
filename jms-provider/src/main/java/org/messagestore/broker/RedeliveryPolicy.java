package org.messagestore.broker;

/**
 * What the broker does with a consumed message that comes back (transaction rollback,
 * {@code Session.recover}, session or connection close with unacknowledged messages): Jakarta
 * Messaging 3.1, 6.2.10 "Message acknowledgment" and 6.2.7 "Transactions" require redelivery, and
 * leave how soon and how often to the provider. Messages handed to a consumer's buffer but never
 * given to the application come back without counting a delivery, and are not affected.
 *
 * @param redeliveryDelayMillis how long a message that came back waits before it is delivered again;
 *                              0 (the default) redelivers at once. Negative values count as 0. The
 *                              wait is stored with the delivery count, so it holds across a restart
 * @param maxDeliveries         after this many deliveries that came back, the message is moved to
 *                              {@code deadLetterQueue} instead of being redelivered; default 10.
 *                              0 or negative means unlimited (never dead-lettered)
 * @param deadLetterQueue       the queue that receives messages over {@code maxDeliveries}; default
 *                              {@code DLQ}. It is created at broker start. Null discards such
 *                              messages (logged at WARN). On the dead-letter queue itself the limit
 *                              does not apply, so a message never moves from a queue to that queue
 */
public record RedeliveryPolicy(long redeliveryDelayMillis, int maxDeliveries, String deadLetterQueue) {

    public static final String DEFAULT_DEAD_LETTER_QUEUE = "DLQ";
    public static final int DEFAULT_MAX_DELIVERIES = 10;

    /** No delay, 10 deliveries, then {@code DLQ}. */
    public static final RedeliveryPolicy DEFAULT = new RedeliveryPolicy(0, DEFAULT_MAX_DELIVERIES, DEFAULT_DEAD_LETTER_QUEUE);

    public RedeliveryPolicy {
        redeliveryDelayMillis = Math.max(0, redeliveryDelayMillis);
        if (deadLetterQueue != null && deadLetterQueue.isBlank()) {
            throw new IllegalArgumentException("a dead-letter queue name must not be blank; use null to discard instead");
        }
    }

    public RedeliveryPolicy withRedeliveryDelayMillis(long delay) {
        return new RedeliveryPolicy(delay, maxDeliveries, deadLetterQueue);
    }

    public RedeliveryPolicy withMaxDeliveries(int max) {
        return new RedeliveryPolicy(redeliveryDelayMillis, max, deadLetterQueue);
    }

    public RedeliveryPolicy withDeadLetterQueue(String queue) {
        return new RedeliveryPolicy(redeliveryDelayMillis, maxDeliveries, queue);
    }

    /**
     * Whether a message whose delivery count (deliveries that came back) is now {@code deliveryCount}
     * leaves {@code queue} instead of being redelivered.
     */
    boolean exhausted(int deliveryCount, MessageQueue queue) {
        return maxDeliveries > 0 && deliveryCount >= maxDeliveries && !queue.isQueueNamed(deadLetterQueue);
    }
}
