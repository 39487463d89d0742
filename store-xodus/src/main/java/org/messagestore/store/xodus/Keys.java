package org.messagestore.store.xodus;

import java.nio.charset.StandardCharsets;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoredReference;

/**
 * Builds and reads the keys and small values of the Xodus stores (see package-info for the layout).
 * Numbers are big-endian so that Xodus's unsigned byte-wise key order is numeric order for the
 * non-negative ids and sequences the store uses.
 *
 * <p>Threads: stateless.
 */
final class Keys {

    private Keys() {
    }

    static ByteIterable messageKey(long messageId) {
        return new ArrayByteIterable(new BinaryWriter(8).writeLong(messageId).toByteArray());
    }

    /** messageChunks: message id then chunk index. */
    static ByteIterable chunkKey(long messageId, int index) {
        return new ArrayByteIterable(new BinaryWriter(12).writeLong(messageId).writeInt(index).toByteArray());
    }

    /** references: queue number then sequence, so a queue's references are contiguous and in arrival order. */
    static ByteIterable referenceKey(int queueNumber, long sequence) {
        return new ArrayByteIterable(new BinaryWriter(12).writeInt(queueNumber).writeLong(sequence).toByteArray());
    }

    /** referenceIndex: queue number then message id, pointing at the sequence of that reference. */
    static ByteIterable indexKey(int queueNumber, long messageId) {
        return new ArrayByteIterable(new BinaryWriter(12).writeInt(queueNumber).writeLong(messageId).toByteArray());
    }

    /**
     * deliverySchedule and expirySchedule: queue number, indexed time, then sequence, so a queue's
     * entries are contiguous and in {@link org.messagestore.store.ScheduleIndex.Key} order.
     */
    static ByteIterable scheduleKey(int queueNumber, long time, long sequence) {
        return new ArrayByteIterable(new BinaryWriter(20).writeInt(queueNumber).writeLong(time).writeLong(sequence).toByteArray());
    }

    /**
     * references value: message id and delivery count, then the redelivery time when there is one
     * (stores written before it existed hold 12 bytes, which read as "due at once").
     */
    static ByteIterable referenceValue(long messageId, int deliveryCount, long redeliverAt) {
        BinaryWriter out = new BinaryWriter(redeliverAt == 0 ? 12 : 20).writeLong(messageId).writeInt(deliveryCount);
        if (redeliverAt != 0) {
            out.writeLong(redeliverAt);
        }
        return new ArrayByteIterable(out.toByteArray());
    }

    /** A stored reference from its key's sequence and its references value. */
    static StoredReference storedReference(long sequence, ByteIterable value, MessageData message) {
        long redeliverAt = value.getLength() >= 20 ? readLong(value, 12) : 0;
        return new StoredReference(sequence, readLong(value, 0), message, readInt(value, 8), redeliverAt);
    }

    static ByteIterable queueKey(QueueId queue) {
        return new ArrayByteIterable(queue.value().getBytes(StandardCharsets.UTF_8));
    }

    static QueueId queueId(ByteIterable key) {
        return new QueueId(new String(key.getBytesUnsafe(), 0, key.getLength(), StandardCharsets.UTF_8));
    }

    static ByteIterable destinationKey(DestinationName destination) {
        BinaryWriter out = new BinaryWriter(16 + destination.name().length());
        MessageCodec.writeDestination(destination, out);
        return new ArrayByteIterable(out.toByteArray());
    }

    static DestinationName destination(ByteIterable key) {
        return MessageCodec.readDestination(reader(key, "stored destination"));
    }

    static ByteIterable intValue(int value) {
        return new ArrayByteIterable(new BinaryWriter(4).writeInt(value).toByteArray());
    }

    static ByteIterable longValue(long value) {
        return new ArrayByteIterable(new BinaryWriter(8).writeLong(value).toByteArray());
    }

    static BinaryReader reader(ByteIterable bytes, String what) {
        return new BinaryReader(bytes.getBytesUnsafe(), bytes.getLength(), what);
    }

    static int readInt(ByteIterable bytes, int offset) {
        byte[] b = bytes.getBytesUnsafe();
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | (b[offset + 3] & 0xff);
    }

    static long readLong(ByteIterable bytes, int offset) {
        return (long) readInt(bytes, offset) << 32 | (readInt(bytes, offset + 4) & 0xffffffffL);
    }

    static ByteIterable bytes(byte[] value) {
        return new ArrayByteIterable(value);
    }
}
