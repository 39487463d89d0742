package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through the references of one stored queue, oldest first, reading message bodies only for
 * the page asked for. A reference's position is its sequence in the {@code references} key (queue
 * number | sequence), so resuming after a position is one range seek. Each {@link #next} is one short
 * read-only transaction that seeks past the last sequence returned, so nothing is held open between
 * pages (an open Xodus transaction would pin log files against GC, pitfall 6). The cursor covers the
 * references stored when it was opened: it stops at the queue's last sequence at that moment, and
 * skips references removed since (each page reads the latest committed state), and those whose removal
 * is only journaled yet ({@link JournaledRemovals}).
 *
 * <p>Threads: one caller at a time (the SPI's cursor is not shared); reads run on the reader thread.
 */
final class XodusReferenceCursor implements ReferenceCursor {

    private static final Logger LOG = LoggerFactory.getLogger(XodusReferenceCursor.class);

    private final StoreReader reader;
    private final XodusStores stores;
    private final JournaledRemovals journaled;
    private final QueueId queue;
    private final int queueNumber;
    private final long lastSequence;
    private long nextSequence;
    private boolean closed;

    private XodusReferenceCursor(StoreReader reader, XodusStores stores, JournaledRemovals journaled, QueueId queue,
                                 int queueNumber, long lastSequence, long afterPosition) {
        this.reader = reader;
        this.stores = stores;
        this.journaled = journaled;
        this.queue = queue;
        this.queueNumber = queueNumber;
        this.lastSequence = lastSequence;
        this.nextSequence = Math.max(0, afterPosition + 1);
    }

    /** A cursor over the references of {@code queue} with a sequence above {@code afterPosition}. */
    static XodusReferenceCursor open(StoreReader reader, XodusStores stores, JournaledRemovals journaled, QueueId queue,
                                     long afterPosition) {
        if (afterPosition == Long.MAX_VALUE) {
            return new XodusReferenceCursor(reader, stores, journaled, queue, -1, -1, -1);
        }
        return reader.read(txn -> {
            ByteIterable number = stores.queues().get(txn, Keys.queueKey(queue));
            if (number == null) {
                return new XodusReferenceCursor(reader, stores, journaled, queue, -1, -1, afterPosition);
            }
            int n = Keys.readInt(number, 0);
            return new XodusReferenceCursor(reader, stores, journaled, queue, n, QueueDirectory.lastSequence(stores, txn, n),
                    afterPosition);
        });
    }

    /** How many references a cursor from the start would return, counted from keys and values alone. */
    static long count(StoreReader reader, XodusStores stores, JournaledRemovals journaled, QueueId queue) {
        Set<JournaledRemovals.Key> skipped = journaled.skipped(); // before the read transaction begins
        return reader.read(txn -> {
            ByteIterable number = stores.queues().get(txn, Keys.queueKey(queue));
            if (number == null) {
                return 0L;
            }
            int n = Keys.readInt(number, 0);
            long count = 0;
            try (Cursor cursor = stores.references().openCursor(txn)) {
                boolean found = cursor.getSearchKeyRange(Keys.referenceKey(n, 0)) != null;
                while (found && Keys.readInt(cursor.getKey(), 0) == n) {
                    if (skipped.isEmpty() || !skipped.contains(new JournaledRemovals.Key(queue, Keys.readLong(cursor.getValue(), 0)))) {
                        count++;
                    }
                    found = cursor.getNext();
                }
            }
            return count;
        });
    }

    @Override
    public List<StoredReference> next(int max) {
        if (closed) {
            throw new IllegalStateException("the cursor over " + queue.value() + " is closed");
        }
        if (max <= 0 || queueNumber < 0 || nextSequence > lastSequence) {
            return List.of();
        }
        Set<JournaledRemovals.Key> skipped = journaled.skipped(); // before the read transaction begins
        return reader.read(txn -> readPage(txn, max, skipped));
    }

    private List<StoredReference> readPage(Transaction txn, int max, Set<JournaledRemovals.Key> skipped) {
        List<StoredReference> page = new ArrayList<>(Math.min(max, 1024));
        try (Cursor cursor = stores.references().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(Keys.referenceKey(queueNumber, nextSequence)) != null;
            while (found && page.size() < max) {
                ByteIterable key = cursor.getKey();
                long sequence = Keys.readLong(key, 4);
                if (Keys.readInt(key, 0) != queueNumber || sequence > lastSequence) {
                    nextSequence = lastSequence + 1;
                    break;
                }
                ByteIterable value = cursor.getValue();
                long messageId = Keys.readLong(value, 0);
                if (!skipped.contains(new JournaledRemovals.Key(queue, messageId))) {
                    MessageData message = MessageRecords.read(txn, stores, messageId);
                    if (message == null) {
                        LOG.error("{} references message {} which is not stored; skipping it", queue.value(), messageId);
                    } else {
                        page.add(Keys.storedReference(sequence, value, message));
                    }
                }
                nextSequence = sequence + 1;
                found = cursor.getNext();
            }
            if (!found) {
                nextSequence = lastSequence + 1;
            }
        }
        return page;
    }

    @Override
    public void close() {
        closed = true;
    }
}
