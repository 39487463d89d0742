package org.messagestore.store.xodus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/**
 * The stored form of a {@link MessageData}: a format version, the headers, the properties with a
 * type tag each (so a Short read back is a Short), then the body. Every nullable field survives as
 * null; enum values are written as fixed tags, not ordinals, so reordering an enum cannot corrupt
 * stored data (a new constant fails the build in the exhaustive switches below).
 *
 * <p>Threads: stateless.
 */
final class MessageCodec {

    private static final int FORMAT = 1;

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int BYTE = 2;
    private static final int SHORT = 3;
    private static final int INT = 4;
    private static final int LONG = 5;
    private static final int FLOAT = 6;
    private static final int DOUBLE = 7;
    private static final int STRING = 8;

    private MessageCodec() {
    }

    static byte[] encode(MessageData message) {
        BinaryWriter out = new BinaryWriter(128 + (message.body() == null ? 0 : message.body().length));
        write(message, out);
        return out.toByteArray();
    }

    static MessageData decode(byte[] bytes, int length) {
        return read(new BinaryReader(bytes, length, "stored message"));
    }

    static void write(MessageData m, BinaryWriter out) {
        out.writeByte(FORMAT)
                .writeString(m.messageId())
                .writeLong(m.timestamp())
                .writeString(m.correlationId())
                .writeBytes(m.correlationIdBytes());
        writeDestination(m.destination(), out);
        out.writeBoolean(m.replyTo() != null);
        if (m.replyTo() != null) {
            writeDestination(m.replyTo(), out);
        }
        out.writeString(m.type())
                .writeBoolean(m.persistent())
                .writeByte(m.priority())
                .writeLong(m.expiration())
                .writeLong(m.deliveryTime());
        writeProperties(m.properties(), out);
        out.writeByte(bodyTag(m.bodyType())).writeBytes(m.body());
    }

    static MessageData read(BinaryReader in) {
        int format = in.readByte();
        if (format != FORMAT) {
            throw in.malformed("unknown message format " + format);
        }
        String messageId = in.readString();
        long timestamp = in.readLong();
        String correlationId = in.readString();
        byte[] correlationIdBytes = in.readBytes();
        DestinationName destination = readDestination(in);
        DestinationName replyTo = in.readBoolean() ? readDestination(in) : null;
        String type = in.readString();
        boolean persistent = in.readBoolean();
        int priority = in.readByte();
        long expiration = in.readLong();
        long deliveryTime = in.readLong();
        Map<String, Object> properties = readProperties(in);
        BodyType bodyType = bodyType(in.readByte(), in);
        byte[] body = in.readBytes();
        return new MessageData(messageId, timestamp, correlationId, correlationIdBytes, destination, replyTo, type,
                persistent, priority, expiration, deliveryTime, properties, bodyType, body);
    }

    static void writeDestination(DestinationName destination, BinaryWriter out) {
        out.writeByte(switch (destination.kind()) {
            case QUEUE -> 1;
            case TOPIC -> 2;
            case TEMPORARY_QUEUE -> 3;
            case TEMPORARY_TOPIC -> 4;
        }).writeString(destination.name());
    }

    static DestinationName readDestination(BinaryReader in) {
        int tag = in.readByte();
        DestinationName.Kind kind = switch (tag) {
            case 1 -> DestinationName.Kind.QUEUE;
            case 2 -> DestinationName.Kind.TOPIC;
            case 3 -> DestinationName.Kind.TEMPORARY_QUEUE;
            case 4 -> DestinationName.Kind.TEMPORARY_TOPIC;
            default -> throw in.malformed("unknown destination kind " + tag);
        };
        String name = in.readString();
        if (name == null) {
            throw in.malformed("destination without a name");
        }
        return new DestinationName(kind, name);
    }

    private static void writeProperties(Map<String, Object> properties, BinaryWriter out) {
        out.writeInt(properties.size());
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            out.writeString(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                out.writeByte(NULL);
            } else if (v instanceof Boolean b) {
                out.writeByte(BOOLEAN).writeBoolean(b);
            } else if (v instanceof Byte b) {
                out.writeByte(BYTE).writeByte(b);
            } else if (v instanceof Short s) {
                out.writeByte(SHORT).writeShort(s);
            } else if (v instanceof Integer i) {
                out.writeByte(INT).writeInt(i);
            } else if (v instanceof Long l) {
                out.writeByte(LONG).writeLong(l);
            } else if (v instanceof Float f) {
                out.writeByte(FLOAT).writeInt(Float.floatToRawIntBits(f));
            } else if (v instanceof Double d) {
                out.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof String s) {
                out.writeByte(STRING).writeString(s);
            } else {
                // MessageData allows only the JMS property types (Jakarta Messaging 3.1, 3.5.4 "Property value conversion").
                throw new IllegalArgumentException("property '" + e.getKey() + "' has unsupported type " + v.getClass().getName());
            }
        }
    }

    private static Map<String, Object> readProperties(BinaryReader in) {
        int count = in.readInt();
        if (count < 0) {
            throw in.malformed("negative property count " + count);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            int tag = in.readByte();
            Object value = switch (tag) {
                case NULL -> null;
                case BOOLEAN -> in.readBoolean();
                case BYTE -> (byte) in.readByte();
                case SHORT -> in.readShort();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> Float.intBitsToFloat(in.readInt());
                case DOUBLE -> Double.longBitsToDouble(in.readLong());
                case STRING -> in.readString();
                default -> throw in.malformed("unknown property type " + tag + " for '" + name + "'");
            };
            properties.put(name, value);
        }
        return properties;
    }

    private static int bodyTag(BodyType type) {
        return switch (type) {
            case MESSAGE -> 1;
            case TEXT -> 2;
            case BYTES -> 3;
            case MAP -> 4;
            case STREAM -> 5;
            case OBJECT -> 6;
        };
    }

    private static BodyType bodyType(int tag, BinaryReader in) {
        return switch (tag) {
            case 1 -> BodyType.MESSAGE;
            case 2 -> BodyType.TEXT;
            case 3 -> BodyType.BYTES;
            case 4 -> BodyType.MAP;
            case 5 -> BodyType.STREAM;
            case 6 -> BodyType.OBJECT;
            default -> throw in.malformed("unknown body type " + tag);
        };
    }
}
