package org.messagestore.protocol;

import io.netty.buffer.ByteBuf;
import org.messagestore.model.DestinationName;

/**
 * The field encodings every frame is built from (see {@code package-info.java}). Readers check every
 * length against the bytes actually left, so a lying length is a {@link MalformedFrameException},
 * never a huge allocation. Stateless.
 */
final class WireValues {

    private static final int NULL_LENGTH = -1;
    private static final int NULL_KIND = 0xFF;
    private static final DestinationName.Kind[] KINDS = DestinationName.Kind.values();

    private WireValues() {
    }

    // ---- strings: int32 byte count (-1 = null), then each UTF-16 unit as 1-3 bytes (CESU-8), which
    // keeps unpaired surrogates intact where UTF-8 would replace them.

    static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(NULL_LENGTH);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int start = out.writerIndex();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.writeByte(c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            } else {
                out.writeByte(0xE0 | (c >> 12));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - start);
    }

    static String readString(ByteBuf in, String field) {
        int length = readLength(in, field);
        if (length == NULL_LENGTH) {
            return null;
        }
        StringBuilder s = new StringBuilder(length);
        int end = in.readerIndex() + length;
        while (in.readerIndex() < end) {
            int b = in.readUnsignedByte();
            if (b < 0x80) {
                s.append((char) b);
            } else if ((b & 0xE0) == 0xC0) {
                s.append((char) (((b & 0x1F) << 6) | continuation(in, end, field)));
            } else if ((b & 0xF0) == 0xE0) {
                int high = continuation(in, end, field);
                s.append((char) (((b & 0x0F) << 12) | (high << 6) | continuation(in, end, field)));
            } else {
                throw new MalformedFrameException("bad string encoding in " + field);
            }
        }
        return s.toString();
    }

    private static int continuation(ByteBuf in, int end, String field) {
        if (in.readerIndex() >= end) {
            throw new MalformedFrameException("string " + field + " ends inside a character");
        }
        int b = in.readUnsignedByte();
        if ((b & 0xC0) != 0x80) {
            throw new MalformedFrameException("bad string encoding in " + field);
        }
        return b & 0x3F;
    }

    // ---- byte arrays: int32 length (-1 = null), then the bytes

    static void writeBytes(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeInt(NULL_LENGTH);
        } else {
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }
    }

    static byte[] readBytes(ByteBuf in, String field) {
        int length = readLength(in, field);
        if (length == NULL_LENGTH) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** A length or count that must fit in what is left of the frame (each item at least one byte). */
    static int readLength(ByteBuf in, String field) {
        int length = in.readInt();
        if (length < NULL_LENGTH || length > in.readableBytes()) {
            throw new MalformedFrameException("length " + length + " of " + field + " does not fit the "
                    + in.readableBytes() + " bytes left in the frame");
        }
        return length;
    }

    /** A count of items that follow: never negative (unlike a length, where -1 marks null). */
    static int readCount(ByteBuf in, String field) {
        int count = readLength(in, field);
        if (count < 0) {
            throw new MalformedFrameException(field + " " + count + " is negative");
        }
        return count;
    }

    static boolean readBoolean(ByteBuf in, String field) {
        int b = in.readUnsignedByte();
        if (b > 1) {
            throw new MalformedFrameException("boolean " + field + " is " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    // ---- destinations: kind byte (0xFF = null), then the name

    static void writeDestination(ByteBuf out, DestinationName destination) {
        if (destination == null) {
            out.writeByte(NULL_KIND);
        } else {
            out.writeByte(destination.kind().ordinal());
            writeString(out, destination.name());
        }
    }

    static DestinationName readDestination(ByteBuf in, String field) {
        int kind = in.readUnsignedByte();
        if (kind == NULL_KIND) {
            return null;
        }
        if (kind >= KINDS.length) {
            throw new MalformedFrameException("unknown destination kind " + kind + " in " + field);
        }
        String name = readString(in, field);
        if (name == null) {
            throw new MalformedFrameException("destination " + field + " has no name");
        }
        return new DestinationName(KINDS[kind], name);
    }

    static DestinationName readRequiredDestination(ByteBuf in, String field) {
        DestinationName destination = readDestination(in, field);
        if (destination == null) {
            throw new MalformedFrameException(field + " must not be null");
        }
        return destination;
    }
}
