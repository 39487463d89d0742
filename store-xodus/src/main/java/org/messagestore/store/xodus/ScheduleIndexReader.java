package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one page of a queue's {@link ScheduleIndex} ({@link org.messagestore.store.MessageStore#readScheduled}):
 * one range seek in the index's store from the key after {@code after}, then, for each entry, the
 * reference (its message id and delivery count) and the message. Everything is read in one read-only
 * transaction, so a page is one consistent snapshot of what was committed when it began.
 *
 * <p>Threads: runs on the store's reader thread.
 */
final class ScheduleIndexReader {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleIndexReader.class);

    private final Transaction txn;
    private final XodusStores stores;
    private final Set<JournaledRemovals.Key> skipped;

    /** {@code skipped}: acknowledged references whose removal is only journaled yet; left out. */
    ScheduleIndexReader(Transaction txn, XodusStores stores, Set<JournaledRemovals.Key> skipped) {
        this.txn = txn;
        this.stores = stores;
        this.skipped = skipped;
    }

    ScheduleIndex.Page read(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        ByteIterable number = stores.queues().get(txn, Keys.queueKey(queue));
        ScheduleIndex.Key first = firstKeyAfter(after);
        if (number == null || first == null) {
            return new ScheduleIndex.Page(List.of(), Long.MAX_VALUE);
        }
        int queueNumber = Keys.readInt(number, 0);
        List<StoredReference> page = new ArrayList<>(Math.max(0, Math.min(max, 256)));
        try (Cursor cursor = stores.schedule(index).openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(Keys.scheduleKey(queueNumber, first.time(), first.position())) != null;
            while (found) {
                ByteIterable key = cursor.getKey();
                if (Keys.readInt(key, 0) != queueNumber) {
                    break;
                }
                long time = Keys.readLong(key, 4);
                if (time > upTo || page.size() >= max) {
                    return new ScheduleIndex.Page(page, time);
                }
                StoredReference reference = reference(queue, queueNumber, Keys.readLong(key, 12));
                if (reference != null) {
                    page.add(reference);
                }
                found = cursor.getNext();
            }
        }
        return new ScheduleIndex.Page(page, Long.MAX_VALUE);
    }

    /**
     * The smallest stored key after {@code after}, or null when none can be. Stored times and
     * sequences are never negative, so a negative part (as in {@link ScheduleIndex.Key#START}) is
     * read as 0, the earliest indexed time (see {@link ScheduleIndex#timeOf}).
     */
    private static ScheduleIndex.Key firstKeyAfter(ScheduleIndex.Key after) {
        long time = Math.max(0, after.time());
        if (after.position() < 0) {
            return new ScheduleIndex.Key(time, 0);
        }
        if (after.position() < Long.MAX_VALUE) {
            return new ScheduleIndex.Key(time, after.position() + 1);
        }
        return time < Long.MAX_VALUE ? new ScheduleIndex.Key(time + 1, 0) : null;
    }

    /**
     * The pending reference at {@code sequence}, or null: when its removal is journaled, or (logged)
     * when the index and the references disagree.
     */
    private StoredReference reference(QueueId queue, int queueNumber, long sequence) {
        ByteIterable value = stores.references().get(txn, Keys.referenceKey(queueNumber, sequence));
        if (value == null) {
            LOG.error("the schedule index of {} names position {}, which holds no reference; skipping it", queue.value(), sequence);
            return null;
        }
        long messageId = Keys.readLong(value, 0);
        if (skipped.contains(new JournaledRemovals.Key(queue, messageId))) {
            return null;
        }
        MessageData message = MessageRecords.read(txn, stores, messageId);
        if (message == null) {
            LOG.error("{} references message {} which is not stored; skipping it", queue.value(), messageId);
            return null;
        }
        return Keys.storedReference(sequence, value, message);
    }
}
