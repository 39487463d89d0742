package org.messagestore.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a durable queue (a queue destination or a durable subscription) that lives in the
 * store, and the reads that bring it into the queue's memory. DESIGN.md: "the broker holds a bounded
 * window of each queue in memory, never the whole queue". Three kinds of stored message stay out of
 * memory, each with its own bookkeeping:
 * <ul>
 *   <li>the backlog beyond the window, read back in arrival order ({@link QueuePaging});</li>
 *   <li>delayed messages, read through the store's delivery-time index when due
 *       ({@link DelayedDeliveries});</li>
 *   <li>expired messages, removed through the store's expiry index without being read in
 *       ({@link ExpirySweep}).</li>
 * </ul>
 *
 * <p>Threads: the bookkeeping is guarded by the owning {@link MessageQueue}'s lock; methods named
 * {@code ...Locked} are called with it held. The reads ({@link #pageIn}, {@link #readDueIn},
 * {@link #sweepExpired}) run on the broker's {@link PageReader} thread, one at a time, and take the
 * lock only before and after the store call; being serialised there is what lets a sweep remove a
 * message no read is about to take in.
 */
final class QueueStorage {

    private static final Logger LOG = LoggerFactory.getLogger(QueueStorage.class);
    /** How long after a failed store read the queue tries again. */
    private static final long RETRY_MILLIS = 1_000;
    /** References an expiry sweep reads from the store at a time. */
    private static final int SWEEP_PAGE = 1_000;

    private final MessageQueue queue;
    private final ReentrantLock lock;
    private final QueueId storeQueue;
    private final PageReader pager;
    private final DeliveryScheduler scheduler;
    private final UndeliverableRouter undeliverable;
    private final MemoryLimit memory;
    private QueuePaging paging;
    private DelayedDeliveries delayed;
    private ExpirySweep expiry;

    QueueStorage(MessageQueue queue, ReentrantLock lock, QueueId storeQueue, QueueContext context) {
        this.queue = queue;
        this.lock = lock;
        this.storeQueue = storeQueue;
        this.pager = context.pager();
        this.scheduler = context.scheduler();
        this.undeliverable = context.undeliverable();
        this.memory = context.memory();
        this.paging = new QueuePaging(context.pagingWindow(), Set.of());
        this.delayed = DelayedDeliveries.empty();
        this.expiry = ExpirySweep.idle();
    }

    /** A queue found in the store at start: everything is in the store, nothing in memory yet. */
    void recoverLocked(Set<Long> lockedByPrepared) {
        paging = QueuePaging.recovered(paging.window(), lockedByPrepared);
        delayed = DelayedDeliveries.recovered(lockedByPrepared);
        expiry = ExpirySweep.recovered();
    }

    /** Whether this persistent message waits in the store until due: a delayed one. */
    private static boolean delayed(BrokerMessage message) {
        return DelayedDeliveries.applies(message);
    }

    // ---- the queue's writes and arrivals (lock held; persistent messages only) ----

    /** A persistent store write for this queue is about to start. */
    void writeStartedLocked(BrokerMessage message) {
        if (delayed(message)) {
            delayed.writeStarted(message.storeId());
        } else {
            paging.writeStarted();
        }
    }

    /** The store write failed: nothing arrives. */
    void writeFailedLocked(BrokerMessage message) {
        if (delayed(message)) {
            delayed.writeFailed(message.storeId());
        } else {
            paging.writeFailed();
        }
    }

    /** Whether a message whose write is in flight may enter memory now (see {@link MessageQueue#arrivedEarly}). */
    boolean admitEarlyLocked(BrokerMessage message, int resident) {
        return !delayed(message) && paging.admitEarly(message.storeId(), resident, memory.full());
    }

    /** The write of a message {@link #admitEarlyLocked} let in completed. */
    void writeCompletedLocked() {
        paging.writeCompleted();
    }

    /** The store write of a message completed: returns whether it enters memory now, else it stays in the store. */
    boolean arrivedLocked(MessageReference reference, int resident) {
        BrokerMessage message = reference.message();
        boolean inMemory = delayed(message)
                ? delayed.arrived(reference)
                : paging.arrived(message.storeId(), resident, memory.full());
        if (!inMemory) {
            expiry.expiresAt(message.data().expiration());
        }
        return inMemory;
    }

    /** A stored reference enters memory again from elsewhere (a failed dead-letter move, an XA rollback). */
    void reenteredLocked(MessageReference reference) {
        if (delayed(reference.message())) {
            delayed.reentered(reference);
        } else {
            paging.reentered(reference.message().storeId());
        }
    }

    /** A stored reference left memory for good. */
    void leftLocked(MessageReference reference) {
        paging.left(reference.message().storeId());
    }

    /** The queue was deleted. */
    void clearLocked() {
        delayed.clear();
        expiry.clear();
    }

    // ---- when to read (lock held) ----

    /** Starts the reads that are due: the next page, due delayed messages, an expiry sweep. */
    void requestReadsLocked(int resident) {
        if (paging.shouldRead(resident, memory.full()) && !pager.submit(this::pageIn)) {
            paging.readFailed();
        }
        long now = System.currentTimeMillis();
        if (delayed.shouldRead(now, room(resident)) && !pager.submit(this::readDueIn)) {
            delayed.readFailed();
        }
        if (expiry.shouldSweep(now) && !pager.submit(this::sweepExpired)) {
            expiry.swept(Long.MAX_VALUE);
        }
    }

    /** When a read is next due after {@code now}, or MAX_VALUE; one due now is started by {@link #requestReadsLocked}. */
    long nextWakeUpLocked(long now) {
        return Math.min(future(delayed.nextDue(), now), future(expiry.nextSweepAt(), now));
    }

    private static long future(long at, long now) {
        return at > now ? at : Long.MAX_VALUE;
    }

    /** How many more references may enter memory now. */
    private int room(int resident) {
        return paging.room(resident, memory.full());
    }

    // ---- the reads (pager thread) ----

    /**
     * Reads the next page from the store and takes it in. Runs on the pager thread (or the starting
     * thread at recovery).
     */
    void pageIn() {
        QueuePaging.PageRequest request;
        lock.lock();
        try {
            request = queue.isDeletedLocked() ? null : paging.startRead(queue.residentLocked(), memory.full());
        } finally {
            lock.unlock();
        }
        if (request == null) {
            return;
        }
        List<StoredReference> page;
        try {
            page = pager.read(storeQueue, request.afterPosition(), request.max());
        } catch (RuntimeException e) {
            LOG.warn("could not read the next page of {} from the store; retrying in {} ms", queue, RETRY_MILLIS, e);
            retryLater(paging::readFailed);
            return;
        }
        queue.withLockThenDispatch(() -> {
            List<StoredReference> fresh = paging.pageRead(request, page);
            admitLocked(fresh.stream().map(MessageReference::stored).toList());
        });
    }

    /** Reads what has become due of the delayed messages waiting in the store, and takes it in. */
    private void readDueIn() {
        DelayedDeliveries.ReadRequest request;
        lock.lock();
        try {
            request = queue.isDeletedLocked() ? null : delayed.startRead(System.currentTimeMillis(), room(queue.residentLocked()));
        } finally {
            lock.unlock();
        }
        if (request == null) {
            return;
        }
        ScheduleIndex.Page page;
        try {
            page = pager.readScheduled(ScheduleIndex.DELIVERY_TIME, storeQueue, request.after(), request.upTo(), request.max());
        } catch (RuntimeException e) {
            LOG.warn("could not read the due delayed messages of {} from the store; retrying in {} ms", queue, RETRY_MILLIS, e);
            retryLater(delayed::readFailed);
            return;
        }
        queue.withLockThenDispatch(() -> admitLocked(delayed.readDone(request, page)));
    }

    /**
     * Moves or drops the expired messages this queue holds only in the store, a page at a time (those
     * in memory are the queue's own business). Each page's removal is durable before the sweep, or any
     * read, goes on.
     */
    private void sweepExpired() {
        long now = System.currentTimeMillis();
        long nextExpiration;
        try {
            nextExpiration = sweepStored(now);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the expired messages of {} from the store; retrying later", queue, e);
            nextExpiration = now + RETRY_MILLIS;
        }
        long next = nextExpiration;
        queue.withLockThenDispatch(() -> expiry.swept(next));
    }

    /** Removes the expired store-only references; returns the first indexed expiration after {@code now}. */
    private long sweepStored(long now) {
        ScheduleIndex.Key after = ScheduleIndex.Key.START;
        while (true) {
            ScheduleIndex.Page page = pager.readScheduled(ScheduleIndex.EXPIRATION, storeQueue, after, now, SWEEP_PAGE);
            List<MessageReference> expired = storeOnly(page.references());
            if (queue.isDeleted()) {
                return Long.MAX_VALUE;
            }
            undeliverable.expire(queue, expired).join();
            List<StoredReference> read = page.references();
            if (page.nextTime() > now || read.isEmpty()) {
                return page.nextTime();
            }
            after = ScheduleIndex.Key.of(ScheduleIndex.EXPIRATION, read.get(read.size() - 1));
        }
    }

    // ---- an operator's walk over what only the store holds (see OperatorSweep) ----

    /**
     * Runs one step of an operator's walk on the pager thread: serialised with the page-ins, delayed
     * reads and expiry sweeps, a step that finds a reference in the store only and removes it (waiting
     * for the store before it ends) cannot race a read taking the same reference into memory.
     */
    <T> CompletableFuture<T> onPagerThread(Supplier<T> step) {
        return pager.call(step);
    }

    /** The queue's stored references after {@code afterPosition}, in position order; pager thread only. */
    List<StoredReference> readAfter(long afterPosition, int max) {
        return pager.read(storeQueue, afterPosition, max);
    }

    /**
     * Of references just read on the pager thread, those in the store only: not in memory, not on their
     * way there, not locked by a prepared XA branch. None once the queue is deleted.
     */
    List<MessageReference> storeOnly(List<StoredReference> read) {
        List<MessageReference> waiting = new ArrayList<>();
        lock.lock();
        try {
            if (queue.isDeletedLocked()) {
                return waiting;
            }
            for (StoredReference stored : read) {
                if (waitingInStoreLocked(stored)) {
                    waiting.add(MessageReference.stored(stored));
                }
            }
        } finally {
            lock.unlock();
        }
        return waiting;
    }

    /** Whether a stored reference is in the store only: not in memory, and not on its way there. */
    private boolean waitingInStoreLocked(StoredReference stored) {
        return ScheduleIndex.DELIVERY_TIME.holds(stored.message())
                ? delayed.waitingInStore(stored)
                : paging.waitingInStore(stored);
    }

    private void admitLocked(List<MessageReference> references) {
        if (!queue.isDeletedLocked()) {
            long now = System.currentTimeMillis();
            references.forEach(reference -> queue.admitLocked(reference, now));
        }
    }

    private void retryLater(Runnable failedLocked) {
        lock.lock();
        try {
            failedLocked.run();
        } finally {
            lock.unlock();
        }
        scheduler.runAt(System.currentTimeMillis() + RETRY_MILLIS, queue::wake);
    }


    // ---- for browsers and tests (lock held) ----

    QueuePaging.BrowseStart pagingBrowseStartLocked() {
        return paging.browseStart();
    }

    DelayedDeliveries.BrowseStart delayedBrowseStartLocked() {
        return delayed.browseStart();
    }

    QueuePaging pagingLocked() {
        return paging;
    }

    /** A cursor on this queue's stored references after {@code afterPosition}; reading it may block. */
    ReferenceCursor openCursor(long afterPosition) {
        return pager.open(storeQueue, afterPosition);
    }

    /** Reads this queue's delayed references due by {@code upTo} after {@code after}; may block. */
    ScheduleIndex.Page readDelayed(ScheduleIndex.Key after, long upTo, int max) {
        return pager.readScheduled(ScheduleIndex.DELIVERY_TIME, storeQueue, after, upTo, max);
    }
}
