package org.messagestore.store.xodus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryWriter} wrote. A truncated or malformed record raises
 * {@link CorruptRecordException} naming what was being read.
 *
 * <p>Threads: confined to the thread that created it.
 */
final class BinaryReader {

    private final ByteBuffer buffer;
    private final String what;

    BinaryReader(byte[] bytes, int length, String what) {
        this.buffer = ByteBuffer.wrap(bytes, 0, length);
        this.what = what;
    }

    int readByte() {
        try {
            return buffer.get();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    short readShort() {
        try {
            return buffer.getShort();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int readInt() {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long readLong() {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte[] readBytes() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buffer.remaining()) {
            throw new CorruptRecordException(what + ": bad length " + length + " with " + buffer.remaining() + " bytes left");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    String readString() {
        byte[] bytes = readBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    CorruptRecordException malformed(String detail) {
        return new CorruptRecordException(what + ": " + detail);
    }

    private CorruptRecordException truncated() {
        return new CorruptRecordException(what + ": record is truncated");
    }
}
