package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pages of paging queues from the store, off every queue lock and off application threads: a
 * consumer draining a queue only asks for the next page, and the read runs here. Each page is read
 * with a fresh cursor resumed after the queue's last position ({@link MessageStore#openCursor}), so
 * nothing is held open between pages.
 *
 * <p>Threads: one daemon thread, {@code messagestore-pager-<broker name>}, started on first use, owned
 * by the {@link Broker} and stopped by its close. Page tasks are queued and run one at a time; each
 * takes its queue's lock only to hand over the page (and dispatch it). Once closed, requests are
 * dropped (the broker is going away; the references stay in the store).
 */
final class PageReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);

    private final MessageStore store;
    private final ExecutorService executor;

    PageReader(String brokerName, MessageStore store) {
        this.store = store;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "messagestore-pager-" + brokerName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} (a queue's page-in) on the pager thread. Returns false when closed. */
    boolean submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("paging in from {} failed", store.description(), e);
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            LOG.debug("pager closed; not reading a page from {}", store.description());
            return false;
        }
    }

    /**
     * Runs {@code task} on the pager thread, between page reads, and completes the returned future with
     * its result (or its failure). An operator's walk over a queue's stored references runs each page
     * this way, so that no page read takes in a reference while the walk removes it. Fails at once when
     * the pager is closed.
     */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, executor);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new CompletionException(
                    new IllegalStateException("the broker is closing; its pager takes no more work")));
        }
    }

    /** Reads one page: at most {@code max} references of {@code queue} after {@code afterPosition}. */
    List<StoredReference> read(QueueId queue, long afterPosition, int max) {
        try (ReferenceCursor cursor = store.openCursor(queue, afterPosition)) {
            return cursor.next(max);
        }
    }

    /**
     * A cursor on {@code queue}'s stored references after {@code afterPosition}, read on the caller's
     * thread: a queue browser walks the store beyond its queue's window with it.
     */
    ReferenceCursor open(QueueId queue, long afterPosition) {
        return store.openCursor(queue, afterPosition);
    }

    /** Reads one page of one of {@code queue}'s schedule indexes (see {@link MessageStore#readScheduled}). */
    ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        return store.readScheduled(index, queue, after, upTo, max);
    }

    /** Lets a running read finish, drops queued ones, stops the thread. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the pager thread did not stop within 10 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
