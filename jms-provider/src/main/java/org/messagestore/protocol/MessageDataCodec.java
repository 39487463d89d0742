package org.messagestore.protocol;

import static org.messagestore.protocol.WireValues.readBoolean;
import static org.messagestore.protocol.WireValues.readBytes;
import static org.messagestore.protocol.WireValues.readDestination;
import static org.messagestore.protocol.WireValues.readCount;
import static org.messagestore.protocol.WireValues.readRequiredDestination;
import static org.messagestore.protocol.WireValues.readString;
import static org.messagestore.protocol.WireValues.writeBytes;
import static org.messagestore.protocol.WireValues.writeDestination;
import static org.messagestore.protocol.WireValues.writeString;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagestore.model.BodyType;
import org.messagestore.model.MessageData;

/**
 * {@link MessageData} on the wire: every header field, every property (in map order, with a type
 * tag per value, a null String value included) and the body bytes as the client's body codec wrote
 * them. Stateless.
 */
final class MessageDataCodec {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int BYTE = 2;
    private static final int SHORT = 3;
    private static final int INT = 4;
    private static final int LONG = 5;
    private static final int FLOAT = 6;
    private static final int DOUBLE = 7;
    private static final int STRING = 8;

    private static final BodyType[] BODY_TYPES = BodyType.values();

    private MessageDataCodec() {
    }

    static void write(ByteBuf out, MessageData m) {
        writeString(out, m.messageId());
        out.writeLong(m.timestamp());
        writeString(out, m.correlationId());
        writeBytes(out, m.correlationIdBytes());
        writeDestination(out, m.destination());
        writeDestination(out, m.replyTo());
        writeString(out, m.type());
        out.writeBoolean(m.persistent());
        out.writeByte(m.priority());
        out.writeLong(m.expiration());
        out.writeLong(m.deliveryTime());
        writeProperties(out, m.properties());
        out.writeByte(m.bodyType().ordinal());
        writeBytes(out, m.body());
    }

    static MessageData read(ByteBuf in) {
        String messageId = readString(in, "messageId");
        long timestamp = in.readLong();
        String correlationId = readString(in, "correlationId");
        byte[] correlationIdBytes = readBytes(in, "correlationIdBytes");
        var destination = readRequiredDestination(in, "destination");
        var replyTo = readDestination(in, "replyTo");
        String type = readString(in, "type");
        boolean persistent = readBoolean(in, "persistent");
        int priority = in.readUnsignedByte();
        long expiration = in.readLong();
        long deliveryTime = in.readLong();
        Map<String, Object> properties = readProperties(in);
        int bodyType = in.readUnsignedByte();
        if (bodyType >= BODY_TYPES.length) {
            throw new MalformedFrameException("unknown body type " + bodyType);
        }
        byte[] body = readBytes(in, "body");
        return new MessageData(messageId, timestamp, correlationId, correlationIdBytes, destination, replyTo, type,
                persistent, priority, expiration, deliveryTime, properties, BODY_TYPES[bodyType], body);
    }

    static void writeProperties(ByteBuf out, Map<String, Object> properties) {
        out.writeInt(properties.size());
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            writeString(out, e.getKey());
            writeValue(out, e.getKey(), e.getValue());
        }
    }

    // Java 17: no pattern switch yet, hence the instanceof chain.
    private static void writeValue(ByteBuf out, String name, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN).writeBoolean(b);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE).writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT).writeShort(s);
        } else if (value instanceof Integer i) {
            out.writeByte(INT).writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG).writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT).writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE).writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else {
            throw new IllegalArgumentException("property '" + name + "' has a value of type "
                    + value.getClass().getName() + ", which a message property cannot hold");
        }
    }

    static Map<String, Object> readProperties(ByteBuf in) {
        int count = readCount(in, "property count");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = readString(in, "property name");
            if (name == null) {
                throw new MalformedFrameException("property " + i + " has no name");
            }
            int tag = in.readUnsignedByte();
            Object value = switch (tag) {
                case NULL -> null;
                case BOOLEAN -> readBoolean(in, name);
                case BYTE -> in.readByte();
                case SHORT -> in.readShort();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> in.readFloat();
                case DOUBLE -> in.readDouble();
                case STRING -> readString(in, name);
                default -> throw new MalformedFrameException("unknown type tag " + tag + " of property '" + name + "'");
            };
            properties.put(name, value);
        }
        return properties;
    }
}
