package org.messagestore.store.xodus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.messagestore.model.DiskWaits;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that makes acknowledgements durable ({@code messagestore-store-acks-<dir>}): it takes
 * every batch of reference removals queued since its last sync, writes them as one record to the
 * {@link AcknowledgementJournal}, syncs, and completes their futures. It runs beside the
 * {@link GroupCommitWriter}, so a consumer's acknowledgements and a producer's sends are synced at the
 * same time instead of taking turns; the Xodus writer applies the journaled removals later, many per
 * transaction ({@link JournaledRemovals}). Whenever Xodus holds everything journaled, it clears the journal.
 *
 * <p>If the journal fails (a full disk, say), it is not used again: this batch and every later one go
 * to the Xodus writer, as they did before there was a journal.
 *
 * <p>A batch submitted while no sync is running and none is queued is journaled by the submitting
 * thread itself, if that thread may wait for the disk ({@link DiskWaits}: an in-VM client's thread, a
 * broker event loop with nothing else to read): handing it to this thread and the answer back costs two
 * thread wake-ups, which on a small machine take about a third as long as the in-place sync. An event
 * loop with more to read (the send a client wrote right after its acknowledgement, or other
 * connections) hands it over instead, and goes on while this thread syncs. Batches that arrive during
 * a sync queue up and this thread journals them together, as one group commit.
 *
 * <p>Threads: {@link #submit} and {@link #close} from any thread; the journal is used under
 * {@code journaling}. Like the Xodus writer, this thread is never interrupted: it stops when
 * {@link #close} queues the stop marker.
 */
final class AcknowledgementWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgementWriter.class);
    private static final Submitted STOP = new Submitted(null, 0);
    /** How often an idle writer looks whether the journal can be emptied. */
    private static final long IDLE_CHECK_MILLIS = 50;

    /** A batch of removals, and how many batches the Xodus writer had been given when it was submitted. */
    private record Submitted(EncodedBatch batch, long writerPosition) {
    }

    private final AcknowledgementJournal journal;
    private final JournaledRemovals journaled;
    private final GroupCommitWriter writer;
    private final StoreStatistics statistics;
    private final String description;
    private final LinkedBlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object lifecycle = new Object();
    /** Held while the journal is written, synced or cleared. */
    private final ReentrantLock journaling = new ReentrantLock();
    private boolean closed;
    // guarded by journaling
    private boolean broken;
    /** Whether the journal may hold records; at start it may, left by the previous run. */
    private boolean written = true;

    AcknowledgementWriter(AcknowledgementJournal journal, JournaledRemovals journaled, GroupCommitWriter writer,
                          StoreStatistics statistics, String threadSuffix, String description) {
        this.journal = journal;
        this.journaled = journaled;
        this.writer = writer;
        this.statistics = statistics;
        this.description = description;
        this.thread = new Thread(this::run, "messagestore-store-acks-" + threadSuffix);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Journals a batch of reference removals, here if the journal is idle, else queued for this writer's
     * thread; its future completes once they are durable, or have failed.
     */
    void submit(EncodedBatch batch) {
        Submitted submitted;
        synchronized (lifecycle) {
            if (closed) {
                batch.future().completeExceptionally(new IllegalStateException(description + " is closed"));
                return;
            }
            submitted = new Submitted(batch, writer.submitted());
            if (!DiskWaits.allowed() || !queue.isEmpty() || !journaling.tryLock()) {
                queue.add(submitted);
                return;
            }
        }
        List<Submitted> batches = List.of(submitted);
        boolean durable;
        try {
            durable = journal(batches);
        } finally {
            journaling.unlock();
        }
        completeIf(durable, batches);
    }

    /** Journals every batch submitted before it, then stops the thread and waits for it. */
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
        journaling.lock(); // a submitting thread that took the journal before the close has finished with it
        journaling.unlock();
    }

    private void run() {
        List<Submitted> drained = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            drained.clear();
            Submitted next = next();
            boolean durable = false;
            journaling.lock();
            try {
                // what queued while a submitting thread held the journal goes into this one sync
                while (next != null) {
                    if (next == STOP) {
                        stopping = true;
                        break;
                    }
                    drained.add(next);
                    next = queue.poll();
                }
                if (!drained.isEmpty()) {
                    durable = journal(drained);
                }
                clearJournalIfApplied();
            } finally {
                journaling.unlock();
            }
            completeIf(durable, drained);
        }
    }

    private Submitted next() {
        try {
            return queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            LOG.warn("{}: acknowledgement writer interrupted; ignoring, close() stops it", description);
            return null;
        }
    }

    /**
     * Journals and syncs the batches; true if they are durable, false if the journal is broken and they
     * went to the Xodus writer instead. Their futures are completed by the caller, after it lets go of
     * the journal, so that what the completion sets off never runs while the journal is held.
     */
    private boolean journal(List<Submitted> drained) {
        if (!broken) {
            List<StoreOperation> removals = new ArrayList<>();
            long writerPosition = 0;
            for (Submitted submitted : drained) {
                removals.addAll(submitted.batch().operations());
                writerPosition = Math.max(writerPosition, submitted.writerPosition());
            }
            try {
                journal.append(removals);
                written = true;
                journaled.add(removals, writerPosition);
                statistics.journaledBatches.add(drained.size());
                statistics.batchesCommitted.add(drained.size());
                if (journaled.needsApplying()) {
                    writer.queue(new EncodedBatch(List.of())); // an empty flush applies what is journaled
                }
                return true;
            } catch (IOException | RuntimeException e) {
                broken = true;
                LOG.warn("{}: the acknowledgement journal failed ({}); acknowledgements go to the store directly from now on",
                        description, e.toString());
            }
        }
        drained.forEach(submitted -> writer.queue(submitted.batch()));
        return false;
    }

    private static void completeIf(boolean durable, List<Submitted> batches) {
        if (durable) {
            batches.forEach(submitted -> submitted.batch().future().complete(null));
        }
    }

    /** Clears the journal once Xodus holds every removal in it ({@link AcknowledgementJournal#clear}). */
    private void clearJournalIfApplied() {
        if (written && journaled.isEmpty()) {
            try {
                journal.clear();
                written = false;
            } catch (IOException e) {
                LOG.warn("{}: could not clear the acknowledgement journal: {}", description, e.toString());
            }
        }
    }
}
