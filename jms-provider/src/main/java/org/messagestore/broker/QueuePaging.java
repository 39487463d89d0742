package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.messagestore.store.MessageStore;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;

/**
 * The paging state of one durable queue (a queue destination or a durable subscription): whether the
 * store holds persistent references the queue does not hold in memory, and where to resume reading
 * them. DESIGN.md: "the broker holds a bounded window of each queue in memory, never the whole queue".
 *
 * <p>Two modes. <b>In memory</b>: every stored reference of the queue is in memory (or on its way
 * there: its store write is in flight and its completion will enqueue it). <b>Paging</b>: the store
 * holds references beyond the window; persistent arrivals are written to the store only, and the
 * queue reads them back, oldest first, with a cursor resumed after {@link #lastPosition} whenever
 * its in-memory part drops below the low-water mark. FIFO order is kept because the store's position
 * order is arrival order and nothing arriving while paging overtakes the cursor.
 *
 * <p>Changing modes safely, without knowing the store position of a reference enqueued by a send
 * (sends learn no position):
 * <ul>
 *   <li>In-memory → paging, when an arrival finds the window full (or the broker over its memory
 *       limit). References enqueued by sends since the last page have unknown positions but lie
 *       after {@link #lastPosition}; their ids are kept in {@code unpositioned}, and the cursor skips
 *       them when it meets them. An id leaves that set when the cursor passes it, when its message
 *       settles while in memory mode (no read is running then), or when paging ends.</li>
 *   <li>Paging → in memory, only when a read came back short (the store has no more), no store
 *       write to the queue completed while it ran, and none is in flight: then no committed
 *       reference can be missing from memory, and none can arrive twice.</li>
 * </ul>
 *
 * <p>Threads: every method is called with the owning {@link MessageQueue}'s lock held; the store
 * read itself runs without it, on the broker's {@link PageReader} thread (or the starting thread for
 * a queue's first page).
 */
final class QueuePaging {

    /** A read to run: resume after {@code afterPosition}, at most {@code max} references. */
    record PageRequest(long afterPosition, int max) {
    }

    /** Under memory pressure a queue still pages in, but only this many references at a time. */
    static final int PRESSURE_WINDOW = 32;

    private final int window;
    private final int lowWater;
    /** Message ids a prepared XA branch will acknowledge: never paged in (see StoreRecovery). */
    private final Set<Long> lockedByPrepared;
    private final Set<Long> unpositioned = new HashSet<>();
    private boolean active;
    private boolean reading;
    private long lastPosition = MessageStore.FROM_START;
    /** Persistent store writes to this queue that were started and have not completed. */
    private int writesInFlight;
    /** Writes completed while paging since the running read began. */
    private int storeOnlyArrivals;
    private long pagesRead;
    private long referencesRead;

    QueuePaging(int window, Set<Long> lockedByPrepared) {
        if (window < 1) {
            throw new IllegalArgumentException("the paging window must be at least 1, not " + window);
        }
        this.window = window;
        this.lowWater = Math.max(1, window / 2);
        this.lockedByPrepared = Set.copyOf(lockedByPrepared);
    }

    /** A queue recovered from the store: everything is in the store, nothing in memory yet. */
    static QueuePaging recovered(int window, Set<Long> lockedByPrepared) {
        QueuePaging paging = new QueuePaging(window, lockedByPrepared);
        paging.active = true;
        return paging;
    }

    boolean active() {
        return active;
    }

    /** A persistent store write to this queue is about to start. */
    void writeStarted() {
        writesInFlight++;
    }

    /** A persistent store write failed: nothing arrives. */
    void writeFailed() {
        writesInFlight--;
    }

    /**
     * A persistent message whose store write is still in flight: returns whether it enters memory now
     * (the queue is in memory mode and has room). If not, it arrives when the write completes
     * ({@link #arrived}); if so, {@link #writeCompleted} follows. Either way the write stays counted in
     * flight until it completes, so paging cannot end while the store may still gain a reference.
     */
    boolean admitEarly(long messageId, int resident, boolean memoryFull) {
        if (active || resident >= window || memoryFull) {
            return false;
        }
        unpositioned.add(messageId);
        return true;
    }

    /** The store write of a message {@link #admitEarly} took in completed. */
    void writeCompleted() {
        writesInFlight--;
    }

    /**
     * A persistent store write to this queue completed. Returns whether the reference enters memory
     * now; false when it stays in the store for a later page.
     */
    boolean arrived(long messageId, int resident, boolean memoryFull) {
        writesInFlight--;
        if (!active && (resident >= window || memoryFull)) {
            active = true;
        }
        if (active) {
            storeOnlyArrivals++;
            return false;
        }
        unpositioned.add(messageId);
        return true;
    }

    /**
     * A persistent reference enters memory again (a failed dead-letter move puts it back). It may
     * still be in the store after {@link #lastPosition}, so the cursor must not bring it twice.
     */
    void reentered(long messageId) {
        unpositioned.add(messageId);
    }

    /** A reference of this queue was acknowledged, expired or moved away. */
    void left(long messageId) {
        if (!active) {
            unpositioned.remove(messageId);
        }
    }

    /** Whether a read should be started now; marks it started. */
    boolean shouldRead(int resident, boolean memoryFull) {
        if (!active || reading || resident >= lowWater(memoryFull)) {
            return false;
        }
        reading = true;
        return true;
    }

    /** The read to run, or null when none is needed any more. Called on the reading thread. */
    PageRequest startRead(int resident, boolean memoryFull) {
        if (!active) {
            reading = false;
            return null;
        }
        reading = true;
        storeOnlyArrivals = 0;
        return new PageRequest(lastPosition, Math.max(1, target(memoryFull) - resident));
    }

    /** The read failed; a later trigger may start another. */
    void readFailed() {
        reading = false;
    }

    /**
     * Takes a page in: advances the resume position, returns the references that enter memory (not
     * already there, not locked by a prepared transaction), and leaves paging mode when the store has
     * caught up with memory.
     */
    List<StoredReference> pageRead(PageRequest request, List<StoredReference> page) {
        reading = false;
        pagesRead++;
        referencesRead += page.size();
        List<StoredReference> fresh = new ArrayList<>(page.size());
        for (StoredReference reference : page) {
            lastPosition = Math.max(lastPosition, reference.position());
            // A delayed message waits in the store until due, and enters by DelayedDeliveries' reads.
            if (!unpositioned.remove(reference.messageId()) && !lockedByPrepared.contains(reference.messageId())
                    && !ScheduleIndex.DELIVERY_TIME.holds(reference.message())) {
                fresh.add(reference);
            }
        }
        if (page.size() < request.max() && storeOnlyArrivals == 0 && writesInFlight == 0) {
            active = false;
            unpositioned.clear();
        }
        return fresh;
    }

    /**
     * Whether a stored reference (not a delayed one) is in the store only: the queue is paging, the
     * cursor has not read it, and it is not in memory. No write completion can bring it in while the
     * queue pages, so an expired one may be removed from the store.
     */
    boolean waitingInStore(StoredReference reference) {
        return active && reference.position() > lastPosition && !unpositioned.contains(reference.messageId())
                && !lockedByPrepared.contains(reference.messageId());
    }

    /** How many more references may enter memory now (the window, or less under memory pressure). */
    int room(int resident, boolean memoryFull) {
        return target(memoryFull) - resident;
    }

    private int target(boolean memoryFull) {
        return memoryFull ? Math.min(window, PRESSURE_WINDOW) : window;
    }

    private int lowWater(boolean memoryFull) {
        return memoryFull ? Math.max(1, Math.min(lowWater, PRESSURE_WINDOW / 2)) : lowWater;
    }

    int window() {
        return window;
    }

    /** References read from the store so far (including skipped ones); for tests. */
    long referencesRead() {
        return referencesRead;
    }

    long pagesRead() {
        return pagesRead;
    }

    /**
     * Where a browser finds the references only the store holds: after {@code afterPosition}, except
     * the ids in {@code unpositioned} (already in memory) and {@code lockedByPrepared} (not available).
     */
    record BrowseStart(long afterPosition, Set<Long> unpositioned, Set<Long> lockedByPrepared) {

        boolean skips(long messageId) {
            return unpositioned.contains(messageId) || lockedByPrepared.contains(messageId);
        }
    }

    /** Where a browser created now continues after the in-memory references, or null when not paging. */
    BrowseStart browseStart() {
        return active ? new BrowseStart(lastPosition, Set.copyOf(unpositioned), lockedByPrepared) : null;
    }
}
