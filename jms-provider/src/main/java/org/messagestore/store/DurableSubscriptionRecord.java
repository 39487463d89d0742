package org.messagestore.store;

import java.util.Objects;

/**
 * A durable subscription as stored: enough to rebuild it after a restart.
 *
 * @param clientId the client id it belongs to, or null (shared durable subscriptions may have none)
 * @param name     the subscription name
 * @param topic    the name of the topic it subscribes to
 * @param selector its message selector, or null
 * @param noLocal  skip messages published by connections with the same client id
 * @param shared   a JMS 2.0 shared durable subscription (several consumers at once)
 */
public record DurableSubscriptionRecord(
        String clientId, String name, String topic, String selector, boolean noLocal, boolean shared) {

    public DurableSubscriptionRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
    }

    /** The stored queue holding this subscription's messages. */
    public QueueId queueId() {
        return QueueId.ofSubscription(clientId, name);
    }
}
