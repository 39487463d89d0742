package org.messagestore.store.xodus;

import jakarta.jms.ResourceAllocationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes to Xodus ({@code messagestore-store-writer-<dir>}). It takes every
 * batch queued since its last flush, applies them in order to one exclusive Xodus transaction,
 * puts the transaction's changes in the {@link ChangeJournal} (one fdatasync, in place), commits it
 * to Xodus without a sync, and only then completes the batches' futures, in order. It also takes the
 * journal's checkpoints. Xodus has no group commit of its own and takes a global lock per commit
 * (notes/xodus-measurements.md, section 2): with one writer, many producers share one fsync.
 *
 * <p>Because only this thread touches Xodus for writes, an application thread's interrupt can never
 * close a Xodus file channel (section 5 of the notes). This thread is never interrupted: it stops
 * when {@link #close} queues the stop marker, after completing everything queued before it.
 *
 * <p>Disk space: Xodus's GC wakes when the log grows, so after a backlog is drained and writes stop,
 * dead log files stay until someone calls {@code env.gc()} (notes, pitfall 1: 1 GB stayed until
 * then). When the writer has been idle for {@code idleGcMillis} after flushes that deleted data, it
 * calls {@code env.gc()}, a few rounds in a row, since each pass reclaims part of the dead files.
 *
 * <p>Acknowledgements are made durable by the {@link AcknowledgementWriter} instead; each flush also
 * applies the removals journaled so far ({@link JournaledRemovals}), and so does an idle writer.
 *
 * <p>Full disk: before each flush the writer asks {@link DiskSpaceReserve} whether the disk is low on
 * space; while it is, batches that store message bodies fail at once with ResourceAllocationException
 * and the rest (acknowledgements) are still committed, in the space the reserve released.
 *
 * <p>Threads: {@link #submit} and {@link #close} from any thread; {@link QueueDirectory}, each
 * {@link FlushTransaction}, the {@link DiskSpaceReserve} and {@code highestMessageId} are owned by the
 * writer thread.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final EncodedBatch STOP = new EncodedBatch(List.of());
    /** Measured (notes section 4): successive env.gc() calls took a drained 314 MB log to 20 MB in ~5 passes. */
    private static final int IDLE_GC_ROUNDS = 8;
    /** How long the writer waits for more work before it applies journaled removals on its own. */
    private static final long APPLY_JOURNALED_WHEN_IDLE_MILLIS = 20;

    private final Environment env;
    private final XodusStores stores;
    private final StoreStatistics statistics;
    private final String description;
    private final int maxOperationsPerFlush;
    private final int maxBytesPerFlush;
    private final long idleGcMillis;
    private int idleGcRoundsLeft;
    private final QueueDirectory queues;
    private final DiskSpaceReserve diskSpace;
    private final JournaledRemovals journaled;
    private final ChangeJournal changes;
    private final LinkedBlockingQueue<EncodedBatch> queue = new LinkedBlockingQueue<>();
    private final AtomicLong submitted = new AtomicLong();
    /** References added by batches submitted and not yet taken from the queue (see {@link #addsAnyOf}). */
    private final Set<JournaledRemovals.Key> unflushedReferences = ConcurrentHashMap.newKeySet();
    /** Batches taken from the queue so far; writer thread only. */
    private long drainedBatches;
    private final Thread thread;
    private final Object lifecycle = new Object();
    private boolean closed;
    private long highestMessageId;

    GroupCommitWriter(Environment env, XodusStores stores, StoreStatistics statistics, XodusStoreSettings settings,
                      DiskSpaceReserve diskSpace, JournaledRemovals journaled, ChangeJournal changes, String threadSuffix,
                      String description, long highestMessageId, long sequenceFloor) {
        this.env = env;
        this.stores = stores;
        this.statistics = statistics;
        this.description = description;
        this.maxOperationsPerFlush = settings.maxOperationsPerFlush();
        this.maxBytesPerFlush = settings.maxBytesPerFlush();
        this.idleGcMillis = settings.idleGcMillis();
        this.queues = new QueueDirectory(stores, sequenceFloor);
        this.diskSpace = diskSpace;
        this.journaled = journaled;
        this.changes = changes;
        this.highestMessageId = highestMessageId;
        this.thread = new Thread(this::run, "messagestore-store-writer-" + threadSuffix);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a batch; its future completes on the writer thread once the batch is durable or has failed. */
    void submit(EncodedBatch batch) {
        synchronized (lifecycle) {
            if (closed) {
                batch.future().completeExceptionally(new IllegalStateException(description + " is closed"));
                return;
            }
            submitted.incrementAndGet(); // before the batch is queued: see JournaledRemovals on order
            forEachAddedReference(batch, unflushedReferences::add);
            queue.add(batch);
        }
    }

    /**
     * Whether a reference {@code removals} remove is added by a batch still queued here: the removals
     * then come here too, where they can meet the add in one flush and neither is written (elision).
     */
    boolean addsAnyOf(List<StoreOperation> removals) {
        if (unflushedReferences.isEmpty()) {
            return false;
        }
        for (StoreOperation op : removals) {
            RemoveReference removal = (RemoveReference) op;
            if (unflushedReferences.contains(new JournaledRemovals.Key(removal.queue(), removal.messageId()))) {
                return true;
            }
        }
        return false;
    }

    private static void forEachAddedReference(EncodedBatch batch, Consumer<JournaledRemovals.Key> action) {
        for (StoreOperation op : batch.operations()) {
            if (op instanceof AddReference add) {
                action.accept(new JournaledRemovals.Key(add.queue(), add.messageId()));
            }
        }
    }

    /** How many batches were submitted so far. */
    long submitted() {
        return submitted.get();
    }

    /** Completes every batch queued before it, then stops the writer thread and waits for it. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        Threads.joinUninterruptibly(thread);
    }

    private void run() {
        List<EncodedBatch> drained = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            drained.clear();
            EncodedBatch first = nextBatch();
            if (first == null) {
                continue;
            }
            int operations = 0;
            int bytes = 0;
            for (EncodedBatch next = first; next != null; next = queue.peek() != null && operations < maxOperationsPerFlush
                    && bytes < maxBytesPerFlush ? queue.poll() : null) {
                if (next == STOP) {
                    stopping = true;
                    break;
                }
                drained.add(next);
                operations += next.operations().size();
                bytes += next.encodedBytes();
            }
            drainedBatches += drained.size();
            // An acknowledgement submitted from now on cannot join these batches' flush: it may be journaled.
            drained.forEach(batch -> forEachAddedReference(batch, unflushedReferences::remove));
            if (!drained.isEmpty()) {
                diskSpace.check();
                flush(drained);
            }
        }
        if (!journaled.isEmpty()) {
            flush(List.of());
        }
        checkpoint();
    }

    /** Syncs Xodus and clears the change journal; a failure leaves the journal to be replayed at open. */
    private void checkpoint() {
        try {
            changes.checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: a checkpoint failed ({}); the change journal keeps growing until one succeeds", description, e.toString());
        }
    }

    /**
     * Applies {@code batches}, then the journaled removals the writer may apply now, in one
     * transaction; once it is committed, the removals are reported applied.
     */
    private void flush(List<EncodedBatch> batches) {
        JournaledRemovals.Applicable applicable = journaled.applicable(drainedBatches);
        if (applicable.entries() == 0) {
            flushBatches(batches);
            return;
        }
        EncodedBatch removals = new EncodedBatch(applicable.removals());
        List<EncodedBatch> all = new ArrayList<>(batches.size() + 1);
        all.addAll(batches);
        all.add(removals);
        flushBatches(all);
        if (removals.future().isDone() && !removals.future().isCompletedExceptionally()) {
            journaled.applied(applicable);
        }
    }

    /**
     * Applies the batches the disk space admits as one transaction. If Xodus fails it for lack of
     * space, the store goes low on space and the flush is tried again (without the sends); if it
     * fails otherwise, each batch is retried on its own.
     */
    private void flushBatches(List<EncodedBatch> batches) {
        List<EncodedBatch> admitted = new ArrayList<>(batches.size());
        for (EncodedBatch batch : batches) {
            if (diskSpace.admits(batch)) {
                admitted.add(batch);
            } else {
                statistics.batchesFailed.increment();
                batch.future().completeExceptionally(diskSpace.refusal());
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        try {
            List<String> problems = commit(admitted);
            for (int i = 0; i < admitted.size(); i++) {
                complete(admitted.get(i), problems.get(i));
            }
        } catch (CommittedNotSynced e) {
            admitted.forEach(batch -> fail(batch, e));
        } catch (RuntimeException | Error e) {
            // Errors too (an OutOfMemoryError while encoding a flush): every queued caller must hear back.
            queues.invalidate();
            if (diskSpace.wentLowAfter(e)) {
                flushBatches(admitted);
            } else if (admitted.size() == 1) {
                fail(admitted.get(0), e);
            } else {
                LOG.warn("{}: a flush of {} batches failed ({}); retrying each batch in its own transaction", description, admitted.size(), e.toString());
                admitted.forEach(batch -> flushBatches(List.of(batch)));
            }
        }
    }

    /** One exclusive transaction for all the batches; returns each batch's rejection reason or null. */
    private List<String> commit(List<EncodedBatch> batches) {
        long deletedBefore = statistics.keysDeleted();
        Transaction txn = env.beginExclusiveTransaction();
        boolean journaledChanges = false;
        boolean committed = false;
        try {
            FlushTransaction flush = new FlushTransaction(txn, stores, queues, statistics, highestMessageId);
            List<String> problems = new ArrayList<>(batches.size());
            for (EncodedBatch batch : batches) {
                problems.add(flush.apply(batch));
            }
            flush.writePending();
            long start = System.nanoTime();
            journaledChanges = beforeCommit(flush.writes());
            if (!txn.commit()) {
                throw new IllegalStateException("Xodus refused to commit an exclusive transaction");
            }
            committed = true;
            highestMessageId = flush.highestMessageId();
            afterCommit(flush.writes());
            statistics.committed(System.nanoTime() - start);
            if (statistics.keysDeleted() != deletedBefore) {
                idleGcRoundsLeft = IDLE_GC_ROUNDS;
            }
            if (changes.wantsCheckpoint()) {
                checkpoint();
            }
            return problems;
        } finally {
            if (!committed) {
                abortQuietly(txn);
                if (journaledChanges) {
                    retractJournaled();
                }
            }
        }
    }

    /** {@link ChangeJournal#beforeCommit}: true if the changes were journaled. */
    private boolean beforeCommit(RecordedWrites writes) {
        try {
            return changes.beforeCommit(writes);
        } catch (IOException e) {
            throw new UncheckedIOException("the change journal could not be written", e);
        }
    }

    /** {@link ChangeJournal#afterCommit}: a failure here comes after the commit, so the batches must not be retried. */
    private void afterCommit(RecordedWrites writes) {
        try {
            changes.afterCommit(writes);
        } catch (RuntimeException e) {
            throw new CommittedNotSynced(e);
        }
    }

    /** Xodus has the flush, but its sync failed: the batches fail (it may or may not survive a power loss), and are not retried. */
    private static final class CommittedNotSynced extends RuntimeException {
        CommittedNotSynced(RuntimeException cause) {
            super("Xodus committed the flush but could not sync it: " + cause, cause);
        }
    }

    /** Xodus did not commit what was just journaled: a replay must not apply it (its batches are failed or retried). */
    private void retractJournaled() {
        try {
            changes.retractLast();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not take back the change journal's record of a failed commit; should the store be opened "
                    + "from this journal, that commit's changes would be applied", description, e);
        }
    }

    private void complete(EncodedBatch batch, String problem) {
        if (problem == null) {
            statistics.batchesCommitted.increment();
            batch.future().complete(null);
        } else {
            statistics.batchesFailed.increment();
            batch.future().completeExceptionally(new IllegalArgumentException(problem));
        }
    }

    private void fail(EncodedBatch batch, Throwable cause) {
        statistics.batchesFailed.increment();
        LOG.error("{}: a batch of {} operations could not be made durable", description, batch.operations().size(), cause);
        batch.future().completeExceptionally(resourceFailure(cause));
    }

    /** Jakarta Messaging 3.1, ResourceAllocationException: "a provider is unable to allocate the resources required by a method". */
    private ResourceAllocationException resourceFailure(Throwable cause) {
        ResourceAllocationException e = new ResourceAllocationException(
                description + " could not make the batch durable: " + cause);
        if (cause instanceof Exception exception) {
            e.setLinkedException(exception);
        }
        e.initCause(cause);
        return e;
    }

    private void abortQuietly(Transaction txn) {
        try {
            if (!txn.isFinished()) {
                txn.abort();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: aborting a failed transaction also failed", description, e);
        }
    }

    /**
     * The next batch, or null after an idle period, which applies journaled removals or may trigger a
     * GC request.
     */
    private EncodedBatch nextBatch() {
        try {
            if (!journaled.isEmpty()) {
                EncodedBatch batch = queue.poll(APPLY_JOURNALED_WHEN_IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    flush(List.of());
                }
                return batch;
            }
            EncodedBatch batch = queue.poll(idleGcMillis, TimeUnit.MILLISECONDS);
            if (batch == null && idleGcRoundsLeft > 0) {
                idleGcRoundsLeft--;
                env.gc(); // asynchronous: queues a pass on Xodus's cleaner thread
            }
            return batch;
        } catch (InterruptedException e) {
            // Nobody may stop this thread by interrupting it (see class comment); close() queues STOP.
            LOG.warn("{}: writer thread interrupted; ignoring, close() stops it", description);
            return null;
        }
    }
}
