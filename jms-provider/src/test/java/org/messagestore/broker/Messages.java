package org.messagestore.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/** Builds test messages whose body is a UTF-8 string. */
final class Messages {

    private Messages() {
    }

    static MessageData text(DestinationName destination, String body) {
        return message(destination, body, 4, true, 0);
    }

    static MessageData nonPersistent(DestinationName destination, String body) {
        return message(destination, body, 4, false, 0);
    }

    static MessageData withPriority(DestinationName destination, String body, int priority) {
        return message(destination, body, priority, true, 0);
    }

    static MessageData expiringAt(DestinationName destination, String body, long expiration) {
        return message(destination, body, 4, true, expiration);
    }

    static MessageData message(DestinationName destination, String body, int priority, boolean persistent, long expiration) {
        return message(destination, body, priority, persistent, expiration, 0, Map.of());
    }

    /** A message not to be delivered before {@code deliveryTime} (epoch millis). */
    static MessageData deliverAt(DestinationName destination, String body, long deliveryTime) {
        return message(destination, body, 4, true, 0, deliveryTime, Map.of());
    }

    static MessageData withProperties(DestinationName destination, String body, Map<String, Object> properties) {
        return message(destination, body, 4, true, 0, 0, properties);
    }

    static MessageData message(DestinationName destination, String body, int priority, boolean persistent, long expiration,
                               long deliveryTime, Map<String, Object> properties) {
        return new MessageData("ID:" + body, System.currentTimeMillis(), null, null, destination, null, null,
                persistent, priority, expiration, deliveryTime, properties, BodyType.TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(MessageData message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
