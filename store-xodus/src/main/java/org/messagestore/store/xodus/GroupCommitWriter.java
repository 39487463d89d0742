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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.DiskWaits;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to Xodus, one flush at a time. The writer thread ({@code messagestore-store-writer-<dir>})
 * takes every batch queued since its last flush, applies them in order to one exclusive Xodus
 * transaction, puts the transaction's changes in the {@link ChangeJournal} (one fdatasync, in place),
 * commits it to Xodus without a sync, and only then completes the batches' futures, in order. It also
 * takes the journal's checkpoints. Xodus has no group commit of its own and takes a global lock per
 * commit (notes/xodus-measurements.md, section 2): with one writer, many producers share one fsync.
 *
 * <p>A batch submitted while nothing is queued or being flushed is flushed the same way by the
 * submitting thread itself, if that thread may wait for the disk ({@link DiskWaits}): handing the
 * batch to the writer thread and the answer back costs two thread wake-ups, about a third of what the
 * flush costs on a small machine. Batches that arrive meanwhile queue up for the writer thread, which
 * flushes them together; once batches keep queuing behind such flushes, they all go to the writer
 * thread until its flushes find them one at a time again ({@link #CALM_FLUSHES}).
 *
 * <p>An interrupt of a thread writing to Xodus would close its file channel (section 5 of the notes):
 * submitters flush only when Xodus could make its channels uninterruptible, and the change journal
 * repeats a write an interrupt cut short. The writer thread is never interrupted: it stops when
 * {@link #close} queues the stop marker, after completing everything queued before it.
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
 * <p>Threads: {@link #submit}, {@link #queue} and {@link #close} from any thread. {@link QueueDirectory},
 * each {@link FlushTransaction}, the {@link DiskSpaceReserve}, {@code highestMessageId} and
 * {@code drainedBatches} belong to whoever holds {@code flushing}; futures are completed after it is
 * let go, so what a completion sets off never runs while Xodus is held.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final EncodedBatch STOP = new EncodedBatch(List.of());
    /** Measured (notes section 4): successive env.gc() calls took a drained 314 MB log to 20 MB in ~5 passes. */
    private static final int IDLE_GC_ROUNDS = 8;
    /** How many lone-batch flushes in a row make the writer leave flushing to submitters again. */
    private static final int CALM_FLUSHES = 16;
    /** How long the writer waits for more work before it applies journaled removals on its own. */
    private static final long APPLY_JOURNALED_WHEN_IDLE_MILLIS = 20;

    private final Environment env;
    private final XodusStores stores;
    private final StoreStatistics statistics;
    private final String description;
    private final int maxOperationsPerFlush;
    private final int maxBytesPerFlush;
    private final long idleGcMillis;
    /** Set by whoever flushes, counted down by the writer thread when idle; a round more or less does no harm. */
    private volatile int idleGcRoundsLeft;
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
    /** Batches queued for this thread and not yet completed by it; guarded by {@code lifecycle}. */
    private int queuedHere;
    /**
     * Whether batches come in faster than one flush at a time: then they all go to this thread, where
     * they share flushes, instead of one being flushed alone by its submitter while the rest wait.
     * Set when a batch queued behind a submitter's flush; cleared after {@link #CALM_FLUSHES} flushes
     * of this thread that each took a lone batch. Guarded by {@code lifecycle}.
     */
    private boolean contended;
    /** The writer thread's flushes in a row that each took a lone batch; guarded by {@code lifecycle}. */
    private int calmFlushes;
    /** Set by the writer thread when it takes the stop marker. */
    private boolean stopping;
    /** Whether a submitting thread may flush its batch itself (see {@link #submit}). */
    private final boolean flushesWhereSubmitted;
    /** Held while Xodus is written: by this thread, or by a thread flushing its own batch. */
    private final ReentrantLock flushing = new ReentrantLock();
    /** Completions of the flush under way, run once {@code flushing} is let go; guarded by it. */
    private final List<Runnable> completions = new ArrayList<>();
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
        this.flushesWhereSubmitted = EnvironmentOpener.channelsAreUninterruptible();
        this.thread = new Thread(this::run, "messagestore-store-writer-" + threadSuffix);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Flushes a batch on this thread if the writer is idle and this thread may wait for the disk (see
     * the class comment), else queues it for the writer thread; its future completes once the batch is
     * durable or has failed.
     */
    void submit(EncodedBatch batch) {
        add(batch, flushesWhereSubmitted && DiskWaits.allowed());
    }

    /** Queues a batch for the writer thread, even when it is idle: for the store's own work, which nobody waits for. */
    void queue(EncodedBatch batch) {
        add(batch, false);
    }

    private void add(EncodedBatch batch, boolean mayFlushHere) {
        synchronized (lifecycle) {
            if (closed) {
                batch.future().completeExceptionally(new IllegalStateException(description + " is closed"));
                return;
            }
            submitted.incrementAndGet(); // before the batch is queued: see JournaledRemovals on order
            // isHeldByCurrentThread: completions run after the lock is let go, so no flush calls back here;
            // if one ever did, the re-entrant tryLock would nest a flush inside it.
            if (!mayFlushHere || contended || queuedHere > 0 || flushing.isHeldByCurrentThread() || !flushing.tryLock()) {
                queuedHere++;
                forEachAddedReference(batch, unflushedReferences::add);
                queue.add(batch);
                return;
            }
        }
        flushThenComplete(() -> {
            statistics.flushesBySubmitters.increment();
            drainedBatches++;
            diskSpace.check();
            flush(List.of(batch));
            synchronized (lifecycle) {
                contended = queuedHere > 0;
            }
        });
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

    /** Runs {@code work} holding {@code flushing}, then completes what it settled. */
    private void flushing(Runnable work) {
        flushing.lock();
        flushThenComplete(work);
    }

    /** Runs {@code work} under {@code flushing}, which the caller took, lets it go, then completes what the work settled. */
    private void flushThenComplete(Runnable work) {
        List<Runnable> done;
        try {
            work.run();
            done = List.copyOf(completions);
            completions.clear();
        } finally {
            flushing.unlock();
        }
        done.forEach(Runnable::run);
    }

    private void run() {
        List<EncodedBatch> drained = new ArrayList<>();
        while (!stopping) {
            drained.clear();
            EncodedBatch first = nextBatch();
            if (first == null) {
                continue;
            }
            flushing(() -> drainAndFlush(first, drained));
            synchronized (lifecycle) {
                queuedHere -= drained.size();
                calmFlushes = drained.size() > 1 || queuedHere > 0 ? 0 : calmFlushes + 1;
                if (calmFlushes >= CALM_FLUSHES) {
                    contended = false;
                }
            }
        }
        flushing(() -> {
            if (!journaled.isEmpty()) {
                flush(List.of());
            }
            checkpoint();
        });
    }

    /** Takes {@code first} and what queued behind it, up to a flush's limits, into {@code drained} and flushes them. */
    private void drainAndFlush(EncodedBatch first, List<EncodedBatch> drained) {
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
        List<EncodedBatch> committed = new ArrayList<>();
        if (applicable.entries() == 0) {
            flushBatches(batches, committed);
            return;
        }
        EncodedBatch removals = new EncodedBatch(applicable.removals());
        List<EncodedBatch> all = new ArrayList<>(batches.size() + 1);
        all.addAll(batches);
        all.add(removals);
        flushBatches(all, committed);
        if (committed.stream().anyMatch(batch -> batch == removals)) {
            journaled.applied(applicable);
        }
    }

    /**
     * Applies the batches the disk space admits as one transaction. If Xodus fails it for lack of
     * space, the store goes low on space and the flush is tried again (without the sends); if it
     * fails otherwise, each batch is retried on its own. {@code committed} gets the batches committed.
     */
    private void flushBatches(List<EncodedBatch> batches, List<EncodedBatch> committed) {
        List<EncodedBatch> admitted = new ArrayList<>(batches.size());
        for (EncodedBatch batch : batches) {
            if (diskSpace.admits(batch)) {
                admitted.add(batch);
            } else {
                statistics.batchesFailed.increment();
                Exception refusal = diskSpace.refusal();
                completions.add(() -> batch.future().completeExceptionally(refusal));
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        try {
            List<String> problems = commit(admitted);
            for (int i = 0; i < admitted.size(); i++) {
                complete(admitted.get(i), problems.get(i));
                if (problems.get(i) == null) {
                    committed.add(admitted.get(i));
                }
            }
        } catch (CommittedNotSynced e) {
            admitted.forEach(batch -> fail(batch, e));
        } catch (RuntimeException | Error e) {
            // Errors too (an OutOfMemoryError while encoding a flush): every queued caller must hear back.
            queues.invalidate();
            if (diskSpace.wentLowAfter(e)) {
                flushBatches(admitted, committed);
            } else if (admitted.size() == 1) {
                fail(admitted.get(0), e);
            } else {
                LOG.warn("{}: a flush of {} batches failed ({}); retrying each batch in its own transaction", description, admitted.size(), e.toString());
                admitted.forEach(batch -> flushBatches(List.of(batch), committed));
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
            completions.add(() -> batch.future().complete(null));
        } else {
            statistics.batchesFailed.increment();
            completions.add(() -> batch.future().completeExceptionally(new IllegalArgumentException(problem)));
        }
    }

    private void fail(EncodedBatch batch, Throwable cause) {
        statistics.batchesFailed.increment();
        LOG.error("{}: a batch of {} operations could not be made durable", description, batch.operations().size(), cause);
        ResourceAllocationException failure = resourceFailure(cause);
        completions.add(() -> batch.future().completeExceptionally(failure));
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
                    flushing(() -> flush(List.of()));
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
