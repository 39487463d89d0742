package org.messagestore.selector;

import java.util.Map;

/**
 * A {@link MessageView} held as plain values: for tests, tools and callers that have no message
 * record of their own.
 *
 * @param properties property values by name; copied, must not hold null keys or values
 */
public record SimpleMessageView(
        String messageId,
        long timestamp,
        String correlationId,
        String type,
        boolean persistent,
        int priority,
        Map<String, ?> properties) implements MessageView {

    public SimpleMessageView {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    @Override
    public Object property(String name) {
        return properties.get(name);
    }
}
