package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The property set of one message: names checked as selector identifiers, values restricted to
 * the eight property types, read-only on a received message until {@code clearProperties}
 * (Jakarta Messaging 3.1, 3.5.7 and 3.10 "Changing the value of a received message").
 */
final class MessageProperties {

    /** Set by the provider on receive; counts this delivery, so it is not sent along again. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    Object get(String name) {
        return values.get(name);
    }

    boolean exists(String name) {
        return values.containsKey(name);
    }

    Enumeration<String> names() {
        return Collections.enumeration(new ArrayList<>(values.keySet()));
    }

    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        PropertyNames.check(name);
        if (readOnly) {
            throw new MessageNotWriteableException(
                    "cannot set property '" + name + "': the properties of a received message are read-only"
                            + " until clearProperties() is called");
        }
        if (!ValueConversion.isPropertyType(value)) {
            throw new MessageFormatException("property '" + name + "' cannot hold a "
                    + ValueConversion.typeName(value)
                    + "; allowed are Boolean, Byte, Short, Integer, Long, Float, Double and String");
        }
        values.put(name, value);
    }

    void clear() {
        values = new LinkedHashMap<>();
        readOnly = false;
    }

    /** Installs the properties of a received message, read-only, with its delivery count. */
    void receive(Map<String, Object> received, int deliveryCount) {
        values = new LinkedHashMap<>(received);
        values.put(DELIVERY_COUNT, deliveryCount);
        readOnly = true;
    }

    /**
     * The properties to send: all but the per-delivery count. The caller copies the map (MessageData
     * does); the values are immutable, so that copy isolates the sent message.
     */
    Map<String, Object> forSend() {
        if (!values.containsKey(DELIVERY_COUNT)) {
            return values;
        }
        var copy = new LinkedHashMap<>(values);
        copy.remove(DELIVERY_COUNT);
        return copy;
    }
}
