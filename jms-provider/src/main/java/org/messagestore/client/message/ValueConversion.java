package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;

/**
 * The typed-read conversions shared by message properties (Jakarta Messaging 3.1, 3.5.4 "Property
 * value conversion") and by MapMessage / StreamMessage bodies (3.11.3, the conversion table in the
 * {@code StreamMessage} and {@code MapMessage} javadoc). Properties never hold {@code Character} or
 * {@code byte[]}, so one table serves both.
 *
 * <p>A missing or null value converts as the primitive's {@code valueOf((String) null)} would: false
 * for boolean, {@link NumberFormatException} for the integral types, {@link NullPointerException}
 * for float, double and char. A String that is not a valid representation fails with the runtime
 * exception of {@code valueOf}, as the spec allows. Any conversion missing from the table throws
 * {@link MessageFormatException}.
 */
public final class ValueConversion {

    private ValueConversion() {
    }

    public static boolean toBoolean(Object value, String source) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.valueOf(fromString(value, "boolean", source));
    }

    public static byte toByte(Object value, String source) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        return Byte.valueOf(fromString(value, "byte", source));
    }

    public static short toShort(Object value, String source) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        return Short.valueOf(fromString(value, "short", source));
    }

    public static char toChar(Object value, String source) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            // char has no valueOf(String): reading null as char is a NullPointerException (3.11.3)
            throw new NullPointerException(source + " is null and cannot be read as char");
        }
        throw cannotConvert(value, "char", source);
    }

    public static int toInt(Object value, String source) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        return Integer.valueOf(fromString(value, "int", source));
    }

    public static long toLong(Object value, String source) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return Long.valueOf(fromString(value, "long", source));
    }

    public static float toFloat(Object value, String source) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        return Float.valueOf(fromString(value, "float", source));
    }

    public static double toDouble(Object value, String source) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        return Double.valueOf(fromString(value, "double", source));
    }

    /** Every type but byte[] reads as String; null stays null. */
    public static String toString(Object value, String source) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw cannotConvert(value, "String", source);
        }
        return value == null ? null : value.toString();
    }

    /** Only byte[] reads as byte[]; the result is a copy so the caller cannot change the message. */
    public static byte[] toBytes(Object value, String source) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannotConvert(value, "byte[]", source);
    }

    /** The eight property value types (3.5.4); null is allowed and reads as a missing value. */
    public static boolean isPropertyType(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    /** The MapMessage / StreamMessage value types: the property types plus Character and byte[]. */
    public static boolean isBodyType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    public static String typeName(Object value) {
        return value == null ? "null" : value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }

    private static String fromString(Object value, String target, String source) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw cannotConvert(value, target, source);
    }

    private static MessageFormatException cannotConvert(Object value, String target, String source) {
        return new MessageFormatException(
                "cannot read " + source + " (a " + typeName(value) + ") as " + target
                        + " (Jakarta Messaging 3.1, 3.5.4 and 3.11.3 conversion tables)");
    }
}
