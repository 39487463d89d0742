package org.messagestore.client;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The message properties a {@link ClientJMSProducer} puts on every message it sends, with the
 * property rules of Jakarta Messaging 3.1: names follow the message selector identifier rules
 * (3.5.1 "Property names"), values are one of the eight property types and read back through the
 * conversion table of 3.5.4 "Property value conversion".
 *
 * <p>A missing value converts like the primitive's {@code valueOf((String) null)}: false for
 * boolean, NumberFormatException for the integral types, NullPointerException for float and double.
 * Conversions outside the table throw MessageFormatRuntimeException.
 */
final class ContextProperties {

    private static final Set<String> SELECTOR_KEYWORDS = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> names = Collections.unmodifiableSet(values.keySet());

    void set(String name, Object value) {
        checkName(name);
        if (!isPropertyType(value)) {
            throw new MessageFormatRuntimeException("property '" + name + "' cannot hold a "
                    + value.getClass().getName() + "; allowed are Boolean, Byte, Short, Integer, Long, Float, Double and String");
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
        Object v = values.get(name);
        return v instanceof Boolean b ? b : Boolean.valueOf(asString(name, v, "boolean"));
    }

    byte getByte(String name) {
        Object v = values.get(name);
        return v instanceof Byte b ? b : Byte.valueOf(asString(name, v, "byte"));
    }

    short getShort(String name) {
        Object v = values.get(name);
        return v instanceof Short || v instanceof Byte ? ((Number) v).shortValue() : Short.valueOf(asString(name, v, "short"));
    }

    int getInt(String name) {
        Object v = values.get(name);
        return v instanceof Integer || v instanceof Short || v instanceof Byte
                ? ((Number) v).intValue() : Integer.valueOf(asString(name, v, "int"));
    }

    long getLong(String name) {
        Object v = values.get(name);
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                ? ((Number) v).longValue() : Long.valueOf(asString(name, v, "long"));
    }

    float getFloat(String name) {
        Object v = values.get(name);
        return v instanceof Float f ? f : Float.valueOf(asString(name, v, "float"));
    }

    double getDouble(String name) {
        Object v = values.get(name);
        return v instanceof Double || v instanceof Float ? ((Number) v).doubleValue() : Double.valueOf(asString(name, v, "double"));
    }

    /** Every property type reads as a String; a missing property reads as null. */
    String getString(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    /** Copies the properties onto {@code message}, replacing any of the same name already there. */
    void applyTo(Message message) throws JMSException {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            message.setObjectProperty(e.getKey(), e.getValue());
        }
    }

    private static String asString(String name, Object value, String target) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new MessageFormatRuntimeException("cannot read property '" + name + "' (a "
                + value.getClass().getSimpleName() + ") as " + target
                + " (Jakarta Messaging 3.1, 3.5.4 Property value conversion)");
    }

    private static boolean isPropertyType(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be null or empty");
        }
        boolean identifier = Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
        if (!identifier || SELECTOR_KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name: property names follow"
                    + " the message selector identifier rules (a Java identifier that is not a selector keyword)");
        }
    }
}
