package org.messagestore.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/**
 * Builds the copy of a message that the broker moves to a dead-letter or expiry queue. The copy keeps
 * JMSMessageID, body, headers and properties; its JMSDestination becomes the queue it was moved to
 * (where the consumer got it from), and these properties record where it came from:
 *
 * <ul>
 *   <li>{@value #ORIGINAL_DESTINATION} (String): where it was sent, {@code queue://orders},
 *       {@code topic://prices}, {@code temp-queue://...} or {@code temp-topic://...}; for a message of a
 *       topic subscription, the topic;</li>
 *   <li>{@value #ORIGINAL_SUBSCRIPTION} (String, a durable subscription's messages only): the subscription,
 *       {@code clientId:name} (or {@code name}), so that an operator's retry sends it back there;</li>
 *   <li>{@value #DELIVERY_COUNT} (int): how many deliveries of it came back before it was moved;</li>
 *   <li>{@value #EXPIRED_AT} (long, expiry queue only): its original JMSExpiration; the copy's own
 *       JMSExpiration is 0 (never), or it would expire again at once. A delayed message that expired
 *       before its delivery time is available on the expiry queue at once: the copy's JMSDeliveryTime
 *       is its JMSTimestamp.</li>
 * </ul>
 *
 * The names start with an underscore, so they cannot clash with JMSX or JMS_ names and are valid
 * selector identifiers (Jakarta Messaging 3.1, 3.5.1 "Property names"). A message moved twice carries
 * the values of its last move. Threads: stateless.
 */
final class DivertedCopy {

    static final String ORIGINAL_DESTINATION = "_MS_ORIGINAL_DESTINATION";
    static final String DELIVERY_COUNT = "_MS_DELIVERY_COUNT";
    static final String EXPIRED_AT = "_MS_EXPIRED_AT";
    static final String ORIGINAL_SUBSCRIPTION = "_MS_ORIGINAL_SUBSCRIPTION";

    private DivertedCopy() {
    }

    /** The copy of a message that went over its redelivery limit. */
    static MessageData deadLettered(MessageReference reference, MessageQueue from, DestinationName to) {
        MessageData data = reference.message().data();
        return copy(data, to, data.expiration(), data.deliveryTime(), provenance(reference, from));
    }

    /** The copy of an expired message. */
    static MessageData expired(MessageReference reference, MessageQueue from, DestinationName to) {
        MessageData data = reference.message().data();
        Map<String, Object> properties = provenance(reference, from);
        properties.put(EXPIRED_AT, data.expiration());
        return copy(data, to, 0, Math.min(data.deliveryTime(), data.timestamp()), properties);
    }

    /**
     * The copy an operator's move leaves in the target queue: the message as it was, only its
     * JMSDestination is the queue it now waits in.
     */
    static MessageData moved(MessageReference reference, MessageQueue from, DestinationName to) {
        MessageData data = reference.message().data();
        return copy(data, to, data.expiration(), data.deliveryTime(), data.properties());
    }

    /**
     * The copy of a dead letter an operator sends back to its original queue: the properties this class
     * added are removed, so it looks as it did when it was sent there (its delivery count starts again).
     */
    static MessageData retried(MessageReference reference, MessageQueue from, DestinationName to) {
        MessageData data = reference.message().data();
        Map<String, Object> properties = new LinkedHashMap<>(data.properties());
        properties.remove(ORIGINAL_DESTINATION);
        properties.remove(DELIVERY_COUNT);
        properties.remove(EXPIRED_AT);
        properties.remove(ORIGINAL_SUBSCRIPTION);
        return copy(data, to, data.expiration(), data.deliveryTime(), properties);
    }

    /** The queue name in a {@link #uri} of a queue destination, or null for any other kind of destination. */
    static String queueNamed(Object uri) {
        String prefix = "queue://";
        return uri instanceof String text && text.startsWith(prefix) && text.length() > prefix.length()
                ? text.substring(prefix.length()) : null;
    }

    /** The topic name in a {@link #uri} of a topic, or null for any other kind of destination. */
    static String topicNamed(Object uri) {
        String prefix = "topic://";
        return uri instanceof String text && text.startsWith(prefix) && text.length() > prefix.length()
                ? text.substring(prefix.length()) : null;
    }

    /** {@code queue://orders} style, as Artemis and ActiveMQ users know it. */
    static String uri(DestinationName destination) {
        String scheme = switch (destination.kind()) {
            case QUEUE -> "queue";
            case TOPIC -> "topic";
            case TEMPORARY_QUEUE -> "temp-queue";
            case TEMPORARY_TOPIC -> "temp-topic";
        };
        return scheme + "://" + destination.name();
    }

    private static Map<String, Object> provenance(MessageReference reference, MessageQueue from) {
        Map<String, Object> properties = new LinkedHashMap<>(reference.message().data().properties());
        properties.put(ORIGINAL_DESTINATION, uri(from.name()));
        properties.put(DELIVERY_COUNT, reference.deliveryCount());
        if (from.subscription() != null) {
            properties.put(ORIGINAL_SUBSCRIPTION, from.subscription());
        } else {
            properties.remove(ORIGINAL_SUBSCRIPTION); // moved twice: the values of the last move
        }
        return properties;
    }

    private static MessageData copy(MessageData data, DestinationName to, long expiration, long deliveryTime,
                                    Map<String, Object> properties) {
        return new MessageData(data.messageId(), data.timestamp(), data.correlationId(), data.correlationIdBytes(), to,
                data.replyTo(), data.type(), data.persistent(), data.priority(), expiration, deliveryTime,
                properties, data.bodyType(), data.body());
    }
}
