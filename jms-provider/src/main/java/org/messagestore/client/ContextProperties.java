package org.messagestore.client;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.messagestore.client.message.PropertyNames;
import org.messagestore.client.message.ValueConversion;

/**
 * The message properties a {@link ClientJMSProducer} puts on every message it sends. Names and
 * conversions follow the same rules as message properties (Jakarta Messaging 3.1, 3.5.1 and 3.5.4),
 * shared with the message classes; only the exceptions become their runtime twins.
 */
final class ContextProperties {

    /** Reads one converted value; may throw the checked conversion failure. */
    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object value, String source) throws MessageFormatException;
    }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> names = Collections.unmodifiableSet(values.keySet());

    void set(String name, Object value) {
        PropertyNames.check(name);
        if (!ValueConversion.isPropertyType(value)) {
            throw new MessageFormatRuntimeException("property '" + name + "' cannot hold a "
                    + ValueConversion.typeName(value)
                    + "; allowed are Boolean, Byte, Short, Integer, Long, Float, Double and String");
        }
        values.put(name, value);
    }

    void clear() {
        values.clear();
    }

    boolean exists(String name) {
        return values.containsKey(name);
    }

    /** A live, unmodifiable view of the names (JMSProducer.getPropertyNames javadoc). */
    Set<String> names() {
        return names;
    }

    Object getObject(String name) {
        return values.get(name);
    }

    boolean getBoolean(String name) {
        return read(name, ValueConversion::toBoolean);
    }

    byte getByte(String name) {
        return read(name, ValueConversion::toByte);
    }

    short getShort(String name) {
        return read(name, ValueConversion::toShort);
    }

    int getInt(String name) {
        return read(name, ValueConversion::toInt);
    }

    long getLong(String name) {
        return read(name, ValueConversion::toLong);
    }

    float getFloat(String name) {
        return read(name, ValueConversion::toFloat);
    }

    double getDouble(String name) {
        return read(name, ValueConversion::toDouble);
    }

    String getString(String name) {
        return read(name, ValueConversion::toString);
    }

    private <T> T read(String name, Conversion<T> conversion) {
        try {
            return conversion.apply(values.get(name), "property '" + name + "'");
        } catch (MessageFormatException e) {
            throw new MessageFormatRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Copies the properties onto {@code message}, replacing any of the same name already there. */
    void applyTo(Message message) throws JMSException {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            message.setObjectProperty(e.getKey(), e.getValue());
        }
    }
}
