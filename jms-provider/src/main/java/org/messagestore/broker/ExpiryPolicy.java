package org.messagestore.broker;

/**
 * What the broker does with a message found expired (Jakarta Messaging 3.1, 3.4.9 "JMSExpiration":
 * an expired message should not be delivered; the provider may drop it). Expired messages are never
 * delivered either way.
 *
 * @param expiryQueue the queue that receives expired messages, created at broker start; null (the
 *                    default) drops them. A message already on its expiry queue is not moved again
 */
public record ExpiryPolicy(String expiryQueue) {

    /** Drops expired messages. */
    public static final ExpiryPolicy DROP = new ExpiryPolicy(null);

    public ExpiryPolicy {
        if (expiryQueue != null && expiryQueue.isBlank()) {
            throw new IllegalArgumentException("an expiry queue name must not be blank; use null to drop instead");
        }
    }

    /** Moves expired messages to {@code queue}. */
    public static ExpiryPolicy moveTo(String queue) {
        return new ExpiryPolicy(queue);
    }
}
