package org.messagestore.store.xodus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.RemoveReference;

/**
 * Acknowledgements that are durable in the {@link AcknowledgementJournal} and not yet applied to Xodus.
 * The {@link AcknowledgementWriter} adds them after each sync; the {@link GroupCommitWriter} applies them
 * at the end of one of its transactions and then reports them applied. Until then Xodus still holds those
 * references, so readers ({@link #skipped}) leave them out.
 *
 * <p>Order: a message may reach a consumer, and be acknowledged, before the batch that stores it has
 * been committed. So each journaled removal remembers how many batches the Xodus writer had been given
 * when it was submitted, and is applied only once the writer has taken at least that many from its
 * queue: the batch that adds the reference is then in the same transaction or an earlier one.
 *
 * <p>Threads: {@link #add} by the acknowledgement writer (its thread, or a submitting thread that
 * holds its journal), {@link #applicable} and {@link #applied} by the thread flushing Xodus,
 * {@link #skipped} on any; guarded by {@code this}, except the key set, which readers copy without
 * the lock.
 */
final class JournaledRemovals {

    /** Removals gathered before they are applied without waiting for the writer to be idle. */
    static final int APPLY_AT = 1_000;

    /** A reference readers must not see. */
    record Key(QueueId queue, long messageId) {
    }

    /** The removals of one journal sync, and how many batches the Xodus writer had been given before them. */
    private record Entry(List<StoreOperation> removals, long writerPosition) {
    }

    /** The oldest journaled removals the writer may apply now, and how many journal entries they are. */
    record Applicable(List<StoreOperation> removals, int entries) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Set<Key> keys = ConcurrentHashMap.newKeySet();
    private int size;
    private boolean nudged;

    /** {@code left}: the removals a previous run journaled; they may be applied at once. */
    JournaledRemovals(List<StoreOperation> left) {
        if (!left.isEmpty()) {
            add(left, 0);
        }
    }

    /** Removals now durable in the journal, submitted when the writer had been given {@code writerPosition} batches. */
    synchronized void add(List<StoreOperation> removals, long writerPosition) {
        for (StoreOperation op : removals) {
            RemoveReference removal = (RemoveReference) op;
            keys.add(new Key(removal.queue(), removal.messageId()));
        }
        entries.add(new Entry(List.copyOf(removals), writerPosition));
        size += removals.size();
    }

    /** The removals the writer may apply once it has taken {@code drained} batches from its queue, oldest first. */
    synchronized Applicable applicable(long drained) {
        List<StoreOperation> removals = new ArrayList<>();
        int count = 0;
        for (Entry entry : entries) {
            if (entry.writerPosition() > drained) {
                break;
            }
            removals.addAll(entry.removals());
            count++;
        }
        return new Applicable(removals, count);
    }

    /** Xodus now holds {@code applied} durably: forget them. */
    synchronized void applied(Applicable applied) {
        for (int i = 0; i < applied.entries(); i++) {
            Entry entry = entries.poll();
            for (StoreOperation op : entry.removals()) {
                RemoveReference removal = (RemoveReference) op;
                keys.remove(new Key(removal.queue(), removal.messageId()));
            }
            size -= entry.removals().size();
        }
        if (size < APPLY_AT) {
            nudged = false;
        }
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized int size() {
        return size;
    }

    /** True once each time {@link #APPLY_AT} removals have gathered: the writer should be woken to apply them. */
    synchronized boolean needsApplying() {
        if (size >= APPLY_AT && !nudged) {
            nudged = true;
            return true;
        }
        return false;
    }

    /**
     * The references readers must leave out. Taken before a read transaction begins: a removal applied
     * after this snapshot is still in it, one applied before is already in the transaction's view.
     */
    Set<Key> skipped() {
        return keys.isEmpty() ? Set.of() : Set.copyOf(keys);
    }
}
