package org.messagestore.store.xodus;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import org.messagestore.model.MessageData;
import org.messagestore.store.ScheduleIndex;

/**
 * The times one reference is indexed under in the two {@link ScheduleIndex}es. They are fixed when
 * the reference is added (a stored message never changes) and kept in the reference's
 * {@code referenceIndex} value, so that removing the reference finds its index entries without
 * reading the message. Most messages are in neither index: they get {@link #NONE}, which costs no
 * write and no byte.
 *
 * <p>Indexed times are never negative ({@link ScheduleIndex#timeOf}), so Xodus's unsigned byte order
 * is their numeric order.
 *
 * @param deliveryTime the time in {@link ScheduleIndex#DELIVERY_TIME}, or {@link #ABSENT}
 * @param expiration   the time in {@link ScheduleIndex#EXPIRATION}, or {@link #ABSENT}
 */
record ScheduledTimes(long deliveryTime, long expiration) {

    /** Stands for an index that does not hold the reference (indexed times are never negative). */
    static final long ABSENT = -1;
    static final ScheduledTimes NONE = new ScheduledTimes(ABSENT, ABSENT);

    private static final int SEQUENCE_ONLY = 8;

    static ScheduledTimes of(MessageData message) {
        boolean delayed = ScheduleIndex.DELIVERY_TIME.holds(message);
        boolean expiring = ScheduleIndex.EXPIRATION.holds(message);
        if (!delayed && !expiring) {
            return NONE;
        }
        return new ScheduledTimes(
                delayed ? ScheduleIndex.DELIVERY_TIME.timeOf(message) : ABSENT,
                expiring ? ScheduleIndex.EXPIRATION.timeOf(message) : ABSENT);
    }

    boolean inAnyIndex() {
        return deliveryTime != ABSENT || expiration != ABSENT;
    }

    /** The time {@code index} holds the reference under, or {@link #ABSENT}. */
    long timeIn(ScheduleIndex index) {
        return switch (index) {
            case DELIVERY_TIME -> deliveryTime;
            case EXPIRATION -> expiration;
        };
    }

    /**
     * The {@code referenceIndex} value of a reference at {@code sequence}: the sequence alone for a
     * reference in neither index (the common case stays 8 bytes), else sequence | delivery time |
     * expiration.
     */
    ByteIterable indexValue(long sequence) {
        if (!inAnyIndex()) {
            return Keys.longValue(sequence);
        }
        return new ArrayByteIterable(new BinaryWriter(24).writeLong(sequence).writeLong(deliveryTime).writeLong(expiration).toByteArray());
    }

    /** The times kept in a {@code referenceIndex} value written by {@link #indexValue}. */
    static ScheduledTimes fromIndexValue(ByteIterable value) {
        if (value.getLength() <= SEQUENCE_ONLY) {
            return NONE;
        }
        return new ScheduledTimes(Keys.readLong(value, 8), Keys.readLong(value, 16));
    }
}
