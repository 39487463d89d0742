package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body codec for MapMessage and StreamMessage: a count, then typed entries, big-endian.
 *
 * <pre>
 * stream body := int count, value * count
 * map body    := int count, (string name, value) * count
 * value       := tag byte, then: NULL(0) nothing | BOOLEAN(1) 1 byte | BYTE(2) 1 | SHORT(3) 2 |
 *                CHAR(4) 2 | INT(5) 4 | LONG(6) 8 | FLOAT(7) 4 IEEE bits | DOUBLE(8) 8 IEEE bits |
 *                STRING(9) string | BYTES(10) int length, raw bytes
 * string      := int byte length, CESU-8 bytes (see {@link Cesu8})
 * </pre>
 *
 * <p>Values are the objects the messages hold: Boolean, Byte, Short, Character, Integer, Long,
 * Float, Double, String, byte[] or null.
 */
final class TypedValues {

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte CHAR = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte STRING = 9;
    private static final byte BYTES = 10;

    private TypedValues() {
    }

    static byte[] encodeList(List<Object> values) {
        int size = 4;
        for (Object value : values) {
            size += encodedSize(value);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(values.size());
        for (Object value : values) {
            putValue(out, value);
        }
        return out.array();
    }

    static byte[] encodeMap(Map<String, Object> entries) {
        int size = 4;
        for (var entry : entries.entrySet()) {
            size += 4 + Cesu8.encodedLength(entry.getKey()) + encodedSize(entry.getValue());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(entries.size());
        for (var entry : entries.entrySet()) {
            putString(out, entry.getKey());
            putValue(out, entry.getValue());
        }
        return out.array();
    }

    static List<Object> decodeList(byte[] body) throws MessageFormatException {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            int count = count(in);
            List<Object> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(getValue(in));
            }
            return values;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw corrupt("stream", e);
        }
    }

    static Map<String, Object> decodeMap(byte[] body) throws MessageFormatException {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            int count = count(in);
            Map<String, Object> entries = new LinkedHashMap<>(Math.max(16, count * 2));
            for (int i = 0; i < count; i++) {
                String name = getString(in);
                entries.put(name, getValue(in));
            }
            return entries;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw corrupt("map", e);
        }
    }

    private static int encodedSize(Object value) {
        if (value == null) {
            return 1;
        } else if (value instanceof String s) {
            return 5 + Cesu8.encodedLength(s);
        } else if (value instanceof byte[] bytes) {
            return 5 + bytes.length;
        } else if (value instanceof Boolean || value instanceof Byte) {
            return 2;
        } else if (value instanceof Short || value instanceof Character) {
            return 3;
        } else if (value instanceof Integer || value instanceof Float) {
            return 5;
        } else if (value instanceof Long || value instanceof Double) {
            return 9;
        }
        throw new IllegalArgumentException("not a message body value: " + value.getClass());
    }

    private static void putValue(ByteBuffer out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String s) {
            putString(out.put(STRING), s);
        } else if (value instanceof Integer i) {
            out.put(INT).putInt(i);
        } else if (value instanceof Long l) {
            out.put(LONG).putLong(l);
        } else if (value instanceof Boolean b) {
            out.put(BOOLEAN).put((byte) (b ? 1 : 0));
        } else if (value instanceof Double d) {
            out.put(DOUBLE).putDouble(d);
        } else if (value instanceof byte[] bytes) {
            out.put(BYTES).putInt(bytes.length).put(bytes);
        } else if (value instanceof Byte b) {
            out.put(BYTE).put(b);
        } else if (value instanceof Short sh) {
            out.put(SHORT).putShort(sh);
        } else if (value instanceof Character c) {
            out.put(CHAR).putChar(c);
        } else if (value instanceof Float f) {
            out.put(FLOAT).putFloat(f);
        } else {
            throw new IllegalArgumentException("not a message body value: " + value.getClass());
        }
    }

    private static void putString(ByteBuffer out, String s) {
        int length = Cesu8.encodedLength(s);
        out.putInt(length);
        int end = Cesu8.encode(s, out.array(), out.position());
        out.position(end);
    }

    private static Object getValue(ByteBuffer in) throws MessageFormatException {
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> in.get() != 0;
            case BYTE -> in.get();
            case SHORT -> in.getShort();
            case CHAR -> in.getChar();
            case INT -> in.getInt();
            case LONG -> in.getLong();
            case FLOAT -> in.getFloat();
            case DOUBLE -> in.getDouble();
            case STRING -> getString(in);
            case BYTES -> {
                byte[] bytes = new byte[length(in)];
                in.get(bytes);
                yield bytes;
            }
            default -> throw new MessageFormatException(
                    "corrupt message body: unknown value tag " + tag + " at byte " + (in.position() - 1));
        };
    }

    private static String getString(ByteBuffer in) throws MessageFormatException {
        int length = length(in);
        String s = Cesu8.decode(in.array(), in.position(), length);
        in.position(in.position() + length);
        return s;
    }

    private static int length(ByteBuffer in) throws MessageFormatException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MessageFormatException("corrupt message body: length " + length + " at byte "
                    + (in.position() - 4) + " exceeds the " + in.remaining() + " bytes left");
        }
        return length;
    }

    private static int count(ByteBuffer in) throws MessageFormatException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new MessageFormatException("corrupt message body: entry count " + count);
        }
        return count;
    }

    private static MessageFormatException corrupt(String kind, RuntimeException cause) {
        return Failures.formatError("corrupt " + kind + " message body: it ends in the middle of a value", cause);
    }

    /** A copy of a value that may be a byte[], so message and caller never share an array. */
    static Object copyOf(Object value) {
        return value instanceof byte[] bytes ? Arrays.copyOf(bytes, bytes.length) : value;
    }
}
