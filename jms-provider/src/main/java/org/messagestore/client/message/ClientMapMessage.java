package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagestore.model.BodyType;

/**
 * A {@link MapMessage}. Reads follow the MapMessage conversion table (see {@link ValueConversion});
 * byte[] values are copied in and out so the application never shares an array with the message.
 * A received body is decoded on first access, and its encoding is reused when the message is sent
 * on unchanged.
 */
public final class ClientMapMessage extends ClientMessage implements MapMessage {

    private Map<String, Object> entries = new LinkedHashMap<>();
    /** The received encoding, until decoded; kept for resending until the body changes. */
    private byte[] encoded;

    public ClientMapMessage() {
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversion.toBoolean(get(name), describe(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversion.toByte(get(name), describe(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversion.toShort(get(name), describe(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversion.toChar(get(name), describe(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversion.toInt(get(name), describe(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversion.toLong(get(name), describe(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversion.toFloat(get(name), describe(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversion.toDouble(get(name), describe(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversion.toString(get(name), describe(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversion.toBytes(get(name), describe(name));
    }

    @Override
    public Object getObject(String name) throws JMSException {
        return TypedValues.copyOf(get(name));
    }

    @Override
    public Enumeration<String> getMapNames() throws JMSException {
        return Collections.enumeration(new ArrayList<>(entries().keySet()));
    }

    @Override
    public boolean itemExists(String name) throws JMSException {
        return entries().containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        put(name, slice);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!ValueConversion.isBodyType(value)) {
            checkName(name);
            throw new MessageFormatException("MapMessage entry '" + name + "' cannot hold a "
                    + value.getClass().getName() + "; allowed are the objectified primitive types, String and byte[]");
        }
        put(name, TypedValues.copyOf(value));
    }

    /** An unmodifiable copy of the entries; null when the map is empty (no body). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Map<String, Object> map = entries();
        if (map.isEmpty()) {
            return null;
        }
        if (!isBodyAssignableTo(c)) {
            throw notAssignable("MapMessage", c);
        }
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.replaceAll((name, value) -> TypedValues.copyOf(value));
        return c.cast(Collections.unmodifiableMap(copy));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return entries().isEmpty() || (c != null && c.isAssignableFrom(Map.class));
    }

    @Override
    BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    byte[] encodeBody() {
        return encoded != null ? encoded : TypedValues.encodeMap(entries);
    }

    @Override
    void loadBody(byte[] body) {
        entries = null;
        encoded = body;
        if (body == null) {
            entries = new LinkedHashMap<>();
        }
    }

    @Override
    void clearBodyContent() {
        entries = new LinkedHashMap<>();
        encoded = null;
    }

    private Object get(String name) throws JMSException {
        return entries().get(name);
    }

    private Map<String, Object> entries() throws MessageFormatException {
        if (entries == null) {
            entries = TypedValues.decodeMap(encoded);
        }
        return entries;
    }

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        entries().put(name, value);
        encoded = null;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("MapMessage entry name must not be null or empty");
        }
    }

    private static String describe(String name) {
        return "MapMessage entry '" + name + "'";
    }
}
