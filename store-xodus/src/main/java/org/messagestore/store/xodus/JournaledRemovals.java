package org.messagestore.store.xodus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledgements that are durable in the {@link AcknowledgementJournal} and not yet applied to
 * Xodus. The writer journals a flush made only of reference removals (a consumer's acknowledgements),
 * and applies what is journaled at the head of its next Xodus transaction: once enough has gathered,
 * when it is idle, or before any other batch (so order is kept). Until then Xodus still holds those
 * references, so readers ({@link #skipped}) leave them out.
 *
 * <p>Threads: the writer thread journals and applies; any reader thread calls {@link #skipped}.
 */
final class JournaledRemovals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledRemovals.class);
    /** Removals gathered before the writer applies them without waiting to be idle. */
    static final int APPLY_AT = 1_000;

    /** A reference readers must not see. */
    record Key(QueueId queue, long messageId) {
    }

    private final AcknowledgementJournal journal;
    private final String description;
    private final List<StoreOperation> unapplied = new ArrayList<>();
    private final Set<Key> keys = ConcurrentHashMap.newKeySet();
    private boolean broken;

    /** {@code left} are the removals a previous run journaled and did not apply. */
    JournaledRemovals(AcknowledgementJournal journal, List<StoreOperation> left, String description) {
        this.journal = journal;
        this.description = description;
        remember(left);
    }

    /**
     * Journals the batches if each only removes references: returns true once they are durable (the
     * caller completes them), false when they must go to Xodus instead. A journal that failed once
     * (a full disk, say) is not used again; acknowledgements then cost a Xodus commit, as before.
     */
    boolean journal(List<EncodedBatch> batches) {
        if (broken || batches.stream().anyMatch(b -> !AcknowledgementJournal.journals(b.operations()))) {
            return false;
        }
        List<StoreOperation> removals = new ArrayList<>();
        batches.forEach(b -> removals.addAll(b.operations()));
        try {
            journal.append(removals);
        } catch (IOException e) {
            broken = true;
            LOG.warn("{}: the acknowledgement journal failed ({}); acknowledgements go to the store directly from now on",
                    description, e.toString());
            return false;
        }
        remember(removals);
        return true;
    }

    private void remember(List<StoreOperation> removals) {
        for (StoreOperation op : removals) {
            RemoveReference removal = (RemoveReference) op;
            keys.add(new Key(removal.queue(), removal.messageId()));
        }
        unapplied.addAll(removals);
    }

    boolean isEmpty() {
        return unapplied.isEmpty();
    }

    int size() {
        return unapplied.size();
    }

    /** The journaled removals as one batch for the writer's next transaction, or null when there are none. */
    EncodedBatch asBatch() {
        return unapplied.isEmpty() ? null : new EncodedBatch(unapplied);
    }

    /** Xodus now holds every removal {@link #asBatch} returned, durably: forget them and empty the journal. */
    void applied() {
        unapplied.clear();
        keys.clear();
        try {
            journal.clear();
        } catch (IOException e) {
            // Harmless: the next start applies them again, which changes nothing.
            LOG.warn("{}: could not empty the acknowledgement journal: {}", description, e.toString());
        }
    }

    /**
     * The references readers must leave out. Taken before a read transaction begins: a removal applied
     * after this snapshot is still in it, one applied before is already in the transaction's view.
     */
    Set<Key> skipped() {
        return keys.isEmpty() ? Set.of() : Set.copyOf(keys);
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
