package org.messagestore.store.xodus;

import java.util.HashMap;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.messagestore.store.QueueId;

/**
 * The writer's cache of stored queues: the 4-byte number each {@link QueueId} is keyed by in the
 * references stores, and the next sequence number of each queue. Numbers are allocated once and
 * recorded in the {@code queues} store; next sequences are found lazily from the last reference of
 * the queue, so opening a store does not scan references.
 *
 * <p>Threads: used only by the thread flushing, under {@link GroupCommitWriter}'s flush lock. When a flush's
 * transaction is aborted the cache may hold numbers that never reached disk, so the writer calls
 * {@link #invalidate} and the cache reloads from the committed state; next sequences survive that
 * (a sequence skipped is harmless, one reused is not: a broker paging a queue resumes after the last
 * sequence it read, see {@link org.messagestore.store.MessageStore#openCursor}).
 */
final class QueueDirectory {

    private final XodusStores stores;
    private final Map<QueueId, Integer> numbers = new HashMap<>();
    private final Map<Integer, Long> nextSequences = new HashMap<>();
    /** No queue's first new sequence is below this: see {@link #firstFreeSequence}. */
    private final long sequenceFloor;
    private int nextNumber = -1;

    QueueDirectory(XodusStores stores, long sequenceFloor) {
        this.stores = stores;
        this.sequenceFloor = sequenceFloor;
    }

    /** The queue's number, or -1 when it has never been stored. */
    int existing(Transaction txn, QueueId queue) {
        load(txn);
        return numbers.getOrDefault(queue, -1);
    }

    /** The queue's number, allocating (and writing) one for a new queue. */
    int numberFor(RecordedWrites writes, QueueId queue) {
        load(writes.txn());
        Integer number = numbers.get(queue);
        if (number == null) {
            number = nextNumber++;
            writes.put(stores.queues(), Keys.queueKey(queue), Keys.intValue(number));
            numbers.put(queue, number);
            nextSequences.putIfAbsent(number, sequenceFloor);
        }
        return number;
    }

    /** Takes the next sequence number of a queue (strictly increasing; gaps are harmless). */
    long takeSequence(Transaction txn, int queueNumber) {
        long next = nextSequences.computeIfAbsent(queueNumber, n -> Math.max(sequenceFloor, lastSequence(txn, n) + 1));
        nextSequences.put(queueNumber, next + 1);
        return next;
    }

    /**
     * Forgets the queue numbers; the next call reloads them from what {@code txn} sees. Next sequences
     * are kept: one taken by the aborted flush must not be handed out again for a later reference
     * (positions only grow, even when the queue emptied in between), and if a number is reallocated
     * to another queue, starting that queue above a gap is harmless.
     */
    void invalidate() {
        numbers.clear();
        nextNumber = -1;
    }

    private void load(Transaction txn) {
        if (nextNumber >= 0) {
            return;
        }
        int highest = -1;
        try (Cursor cursor = stores.queues().openCursor(txn)) {
            while (cursor.getNext()) {
                int number = Keys.readInt(cursor.getValue(), 0);
                numbers.put(Keys.queueId(cursor.getKey()), number);
                highest = Math.max(highest, number);
            }
        }
        nextNumber = highest + 1;
    }

    /**
     * One above the largest sequence any queue holds when the store opens. Every queue's new
     * references start at or above it, so a position a cursor returned in this run is never handed
     * out again, not even to a queue that emptied (its last sequence on disk then says nothing).
     */
    static long firstFreeSequence(XodusStores stores, Transaction txn) {
        long highest = -1;
        try (Cursor cursor = stores.queues().openCursor(txn)) {
            while (cursor.getNext()) {
                highest = Math.max(highest, lastSequence(stores, txn, Keys.readInt(cursor.getValue(), 0)));
            }
        }
        return highest + 1;
    }

    /** The sequence of the queue's last stored reference, or -1 when it has none. */
    long lastSequence(Transaction txn, int queueNumber) {
        return lastSequence(stores, txn, queueNumber);
    }

    static long lastSequence(XodusStores stores, Transaction txn, int queueNumber) {
        try (Cursor cursor = stores.references().openCursor(txn)) {
            boolean positioned = queueNumber == Integer.MAX_VALUE
                    ? cursor.getLast()
                    : cursor.getSearchKeyRange(Keys.referenceKey(queueNumber + 1, 0)) != null ? cursor.getPrev() : cursor.getLast();
            if (!positioned) {
                return -1;
            }
            ByteIterable key = cursor.getKey();
            return Keys.readInt(key, 0) == queueNumber ? Keys.readLong(key, 4) : -1;
        }
    }
}
