package org.messagestore.selector;

import java.util.Map;

/**
 * What a selector may read from a message: the six header fields that Jakarta Messaging 3.1
 * §3.8.1.1 allows in selectors, plus properties.
 *
 * <p>The method names match the broker's message record, so an adapter over it is one line per
 * method and copies nothing. Implementations must be safe to read from the thread that evaluates
 * the selector; the selector itself never mutates or retains the view.
 */
public interface MessageView {

    /** JMSMessageID, or null when the producer disabled ids. */
    String messageId();

    /** JMSTimestamp in epoch millis (0 when the producer disabled timestamps). */
    long timestamp();

    /** JMSCorrelationID as a string, or null. */
    String correlationId();

    /** JMSType, or null. */
    String type();

    /** JMSDeliveryMode is PERSISTENT; selectors see it as 'PERSISTENT' or 'NON_PERSISTENT'. */
    boolean persistent();

    /** JMSPriority, 0-9. */
    int priority();

    /**
     * A user, JMSX or provider property: Boolean, Byte, Short, Integer, Long, Float, Double or
     * String, or null when the message has no such property. Header names other than the six
     * above (JMSDestination, JMSExpiration, ...) are looked up here too, so they are normally null.
     */
    Object property(String name);

    /** A non-persistent view with default headers (priority 4, no ids) and the given properties. */
    static MessageView of(Map<String, ?> properties) {
        return new SimpleMessageView(null, 0L, null, null, false, 4, properties);
    }
}
