package org.messagestore.model;


/**
 * What a client asks for when it creates a consumer.
 *
 * @param consumerId       chosen by the client, unique within its connection
 * @param sessionId        the session the consumer belongs to
 * @param destination      a queue, or a topic to subscribe to
 * @param selector         message selector, or null for none ("" is normalised to null by the client)
 * @param noLocal          topics only: skip messages sent by this connection (for a durable
 *                         subscription: by any connection with the same client id)
 * @param subscriptionName null for a plain queue consumer or a non-durable unshared subscription
 * @param durable          the subscription outlives its consumers
 * @param shared           the subscription may have several consumers (JMS 2.0 shared subscriptions)
 * @param prefetch         how many undelivered-to-the-application messages the broker may push
 *                         ahead; 0 means the client pulls one message per receive ({@link BrokerConnection#pull})
 */
public record ConsumerSpec(
        long consumerId,
        long sessionId,
        DestinationName destination,
        String selector,
        boolean noLocal,
        String subscriptionName,
        boolean durable,
        boolean shared,
        int prefetch) {
}
