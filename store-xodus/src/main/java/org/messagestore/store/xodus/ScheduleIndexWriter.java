package org.messagestore.store.xodus;

import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import org.messagestore.store.ScheduleIndex;

/**
 * Keeps the schedule stores ({@code deliverySchedule}, {@code expirySchedule}) in step with the
 * references a flush writes and deletes. A reference in neither index ({@link ScheduledTimes#NONE},
 * most of them) costs one comparison here and nothing else.
 *
 * <p>Threads: used by the thread flushing, inside one flush transaction.
 */
final class ScheduleIndexWriter {

    private static final ScheduleIndex[] INDEXES = ScheduleIndex.values();
    private static final ByteIterable NO_VALUE = Keys.bytes(new byte[0]);

    private final RecordedWrites writes;
    private final XodusStores stores;
    private final StoreStatistics statistics;

    ScheduleIndexWriter(RecordedWrites writes, XodusStores stores, StoreStatistics statistics) {
        this.writes = writes;
        this.stores = stores;
        this.statistics = statistics;
    }

    /** Indexes the reference at {@code sequence} of a queue under its times. */
    void add(int queueNumber, long sequence, ScheduledTimes times) {
        if (!times.inAnyIndex()) {
            return;
        }
        for (ScheduleIndex index : INDEXES) {
            long time = times.timeIn(index);
            if (time != ScheduledTimes.ABSENT) {
                // Empty value: a reader takes the message id and delivery count from references[queue | sequence].
                writes.put(stores.schedule(index), Keys.scheduleKey(queueNumber, time, sequence), NO_VALUE);
                statistics.keysPut.increment();
            }
        }
    }

    /** Removes the entries {@link #add} wrote for the reference at {@code sequence}. */
    void remove(int queueNumber, long sequence, ScheduledTimes times) {
        if (!times.inAnyIndex()) {
            return;
        }
        for (ScheduleIndex index : INDEXES) {
            long time = times.timeIn(index);
            if (time != ScheduledTimes.ABSENT && writes.delete(stores.schedule(index), Keys.scheduleKey(queueNumber, time, sequence))) {
                statistics.keysDeleted.increment();
            }
        }
    }

    /** Removes every entry of a queue whose stored references are all being dropped. */
    void dropQueue(int queueNumber) {
        for (ScheduleIndex index : INDEXES) {
            deleteRange(stores.schedule(index), queueNumber);
        }
    }

    private void deleteRange(Store store, int queueNumber) {
        try (Cursor cursor = store.openCursor(writes.txn())) {
            boolean found = cursor.getSearchKeyRange(Keys.scheduleKey(queueNumber, 0, 0)) != null;
            while (found && Keys.readInt(cursor.getKey(), 0) == queueNumber) {
                writes.deleteCurrent(store, cursor);
                statistics.keysDeleted.increment();
                found = cursor.getNext();
            }
        }
    }
}
