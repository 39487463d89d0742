package org.messagestore.store.xodus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian primitives and length-prefixed strings and byte arrays to a growable buffer;
 * the write half of the store's record encoding ({@link BinaryReader} is the read half).
 * A length of -1 encodes null, so absent and empty values stay distinct.
 *
 * <p>Threads: confined to the thread that created it.
 */
final class BinaryWriter {

    private byte[] buffer;
    private int size;

    BinaryWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    BinaryWriter writeShort(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A length (-1 for null) then the bytes. */
    BinaryWriter writeBytes(byte[] value) {
        if (value == null) {
            return writeInt(-1);
        }
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** A length then the first {@code length} bytes of {@code value}. */
    BinaryWriter writeBytes(byte[] value, int length) {
        writeInt(length);
        ensure(length);
        System.arraycopy(value, 0, buffer, size, length);
        size += length;
        return this;
    }

    /** UTF-8 with a length prefix (-1 for null); no 64 KiB limit as in DataOutput.writeUTF. */
    BinaryWriter writeString(String value) {
        return writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
