package org.messagestore.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message as it crosses the boundary between client and broker, and as the store keeps it:
 * an immutable value. Clients build one when sending and build a fresh JMS message from it when
 * receiving, so an application that changes a message after send changes nothing delivered.
 *
 * <p>The broker reads the headers (routing, priority, expiry, delivery time) and the properties
 * (selectors, message groups); it never looks into {@link #body()}, which the client's body codec
 * wrote for {@link #bodyType()}.
 *
 * @param messageId        JMSMessageID ("ID:..."), or null when the producer disabled ids
 * @param timestamp        JMSTimestamp in epoch millis, 0 when disabled
 * @param correlationId    JMSCorrelationID as a string, or null
 * @param correlationIdBytes JMSCorrelationIDAsBytes, or null (kept apart: the spec lets either be set)
 * @param destination      JMSDestination
 * @param replyTo          JMSReplyTo, or null
 * @param type             JMSType, or null
 * @param persistent       JMSDeliveryMode == PERSISTENT
 * @param priority         JMSPriority 0-9
 * @param expiration       JMSExpiration in epoch millis, 0 = never
 * @param deliveryTime     JMSDeliveryTime in epoch millis (send time + delivery delay)
 * @param properties       user and JMSX properties; values are Boolean, Byte, Short, Integer,
 *                         Long, Float, Double or String; never null; unmodifiable; a
 *                         String property may hold null
 * @param bodyType         which of the six message types
 * @param body             encoded body, or null when the message has no body
 */
public record MessageData(
        String messageId,
        long timestamp,
        String correlationId,
        byte[] correlationIdBytes,
        DestinationName destination,
        DestinationName replyTo,
        String type,
        boolean persistent,
        int priority,
        long expiration,
        long deliveryTime,
        Map<String, Object> properties,
        BodyType bodyType,
        byte[] body) {

    public MessageData {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(bodyType, "bodyType");
        properties = properties == null || properties.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Approximate bytes this message occupies, for memory accounting. */
    public int estimatedSize() {
        return 256 + (body == null ? 0 : body.length) + properties.size() * 64;
    }

    public boolean isExpired(long now) {
        return expiration != 0 && expiration <= now;
    }

    /** The value of a string property, or null when absent or not a string. */
    public String stringProperty(String name) {
        return properties.get(name) instanceof String s ? s : null;
    }
}
