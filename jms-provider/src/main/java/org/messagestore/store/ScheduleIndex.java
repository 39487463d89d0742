package org.messagestore.store;

import java.util.List;
import org.messagestore.model.MessageData;

/**
 * The two time indexes a store keeps over each stored queue's references, so that the broker can
 * find the delayed and the expiring messages of a queue it does not hold in memory (a paging queue)
 * without reading the whole queue. Which references an index holds, and under which time, is decided
 * here, once, for the broker and every store alike.
 */
public enum ScheduleIndex {

    /**
     * References to messages sent with a delivery delay (Jakarta Messaging 3.1, 7.9), by
     * JMSDeliveryTime. A message counts as delayed when its delivery time lies after its timestamp;
     * with timestamps disabled (timestamp 0) every message does, which costs such messages an index
     * entry but never a late delivery.
     */
    DELIVERY_TIME {
        @Override
        public boolean holds(MessageData message) {
            return message.deliveryTime() > message.timestamp();
        }

        @Override
        long rawTime(MessageData message) {
            return message.deliveryTime();
        }
    },

    /** References to messages that expire (JMSExpiration not 0), by JMSExpiration. */
    EXPIRATION {
        @Override
        public boolean holds(MessageData message) {
            return message.expiration() != 0;
        }

        @Override
        long rawTime(MessageData message) {
            return message.expiration();
        }
    };

    /** Whether a reference to {@code message} is in this index. */
    public abstract boolean holds(MessageData message);

    /**
     * The time {@code message} is indexed under, in epoch millis. A time before the epoch (an
     * overflowed expiration, say) is indexed as 0: such a message is due, or expired, already, and
     * every store can then keep times unsigned.
     */
    public final long timeOf(MessageData message) {
        return Math.max(0, rawTime(message));
    }

    abstract long rawTime(MessageData message);

    /** Where a reference sits in an index: its time, then its queue position. */
    public record Key(long time, long position) implements Comparable<Key> {

        /** Before every key: a read after it starts at the index's first entry. */
        public static final Key START = new Key(Long.MIN_VALUE, Long.MIN_VALUE);

        /** The key of {@code reference} in {@code index}. */
        public static Key of(ScheduleIndex index, StoredReference reference) {
            return new Key(index.timeOf(reference.message()), reference.position());
        }

        @Override
        public int compareTo(Key other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(position, other.position);
        }
    }

    /**
     * One read of an index.
     *
     * @param references the references read, in key order
     * @param nextTime   the time of the first indexed reference after those returned (which may be at
     *                   or before the read's {@code upTo} when {@code max} cut the read short), or
     *                   {@link Long#MAX_VALUE} when there is none
     */
    public record Page(List<StoredReference> references, long nextTime) {
        public Page {
            references = List.copyOf(references);
        }
    }
}
