package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;

/**
 * The delayed persistent messages of one durable queue (Jakarta Messaging 3.1, 7.9 "Delivery delay"),
 * which wait in the store, not in memory, until they are due: a queue with a million messages delayed
 * by an hour holds none of them in memory, and they never stand in the way of due messages behind
 * them. When the earliest becomes due the queue reads what is due through the store's
 * {@link ScheduleIndex#DELIVERY_TIME} index, in (delivery time, position) order, and takes it in.
 *
 * <p>Exactly once into memory. The {@link #watermark} is the index key up to which due references
 * have been taken in; every delayed reference enters memory by exactly one path:
 * <ul>
 *   <li>an index read takes those after the watermark and due by its {@code upTo}, then moves the
 *       watermark to the last one it returned (or to {@code upTo} when it read all that was due);</li>
 *   <li>a send whose store write completes when its delivery time is already behind the watermark
 *       enters at once (no later read can return it);</li>
 *   <li>every other send stays in the store, and lowers {@link #nextDue} so a read runs in time.</li>
 * </ul>
 * The page cursor of {@link QueuePaging} skips delayed references altogether. Two races are closed by
 * message id: a read may return a reference whose write completion has not run yet (it is remembered
 * in {@code seenBeforeArrival} and the completion then adds nothing), and a write may complete while a
 * read runs (held in {@code arrivedDuringRead} and settled when the read hands over). A delayed
 * reference put back in memory from elsewhere (a recovered XA branch rolled back) is remembered in
 * {@code admittedAhead} until the watermark passes its time, and a read skips it.
 *
 * <p>Threads: every method is called with the owning {@link MessageQueue}'s lock held; the index read
 * itself runs without it, on the broker's {@link PageReader} thread.
 */
final class DelayedDeliveries {

    /** An index read to run: due references after {@code after}, due by {@code upTo}, at most {@code max}. */
    record ReadRequest(ScheduleIndex.Key after, long upTo, int max) {
    }

    private final Set<Long> lockedByPrepared;
    private ScheduleIndex.Key watermark = ScheduleIndex.Key.START;
    /** No delayed reference outside memory is due before this (it may be earlier than the truth). */
    private long nextDue;
    private final Set<Long> writesInFlight = new HashSet<>();
    private final Set<Long> seenBeforeArrival = new HashSet<>();
    private final Map<Long, Long> admittedAhead = new HashMap<>();
    private boolean reading;
    private long readUpTo;
    /** The earliest delivery time of writes completed while a read ran that it may not have seen. */
    private long dueNoticedDuringRead = Long.MAX_VALUE;
    private final List<MessageReference> arrivedDuringRead = new ArrayList<>();

    private DelayedDeliveries(long nextDue, Set<Long> lockedByPrepared) {
        this.nextDue = nextDue;
        this.lockedByPrepared = Set.copyOf(lockedByPrepared);
    }

    /** A new queue: nothing stored yet. */
    static DelayedDeliveries empty() {
        return new DelayedDeliveries(Long.MAX_VALUE, Set.of());
    }

    /** A queue found in the store at start: whatever is due is read at once. */
    static DelayedDeliveries recovered(Set<Long> lockedByPrepared) {
        return new DelayedDeliveries(Long.MIN_VALUE, lockedByPrepared);
    }

    /** Whether {@code message} takes this path: a delayed persistent message. */
    static boolean applies(BrokerMessage message) {
        return message.persistent() && ScheduleIndex.DELIVERY_TIME.holds(message.data());
    }

    /** When a read should run next, or {@link Long#MAX_VALUE}. */
    long nextDue() {
        return nextDue;
    }

    void writeStarted(long messageId) {
        writesInFlight.add(messageId);
    }

    void writeFailed(long messageId) {
        writesInFlight.remove(messageId);
    }

    /** The store write of a delayed message completed: returns whether it enters memory now. */
    boolean arrived(MessageReference reference) {
        long id = reference.message().storeId();
        writesInFlight.remove(id);
        if (seenBeforeArrival.remove(id)) {
            return false; // a read already took it in
        }
        long due = reference.message().data().deliveryTime();
        if (behindWatermark(due)) {
            return true;
        }
        if (reading && due <= readUpTo) {
            arrivedDuringRead.add(reference);
        } else {
            nextDue = Math.min(nextDue, due);
            dueNoticedDuringRead = Math.min(dueNoticedDuringRead, due);
        }
        return false;
    }

    /** A delayed reference enters memory from elsewhere (see the class comment). */
    void reentered(MessageReference reference) {
        long due = reference.message().data().deliveryTime();
        if (!behindWatermark(due)) {
            admittedAhead.put(reference.message().storeId(), due);
        }
    }

    /** Whether a read should be started now, with {@code room} references free in memory; marks it started. */
    boolean shouldRead(long now, int room) {
        if (reading || nextDue > now || room <= 0) {
            return false;
        }
        reading = true;
        return true;
    }

    /** The read to run, or null when none is needed any more. Called on the reading thread. */
    ReadRequest startRead(long now, int room) {
        if (nextDue > now || room <= 0) {
            reading = false;
            return null;
        }
        reading = true;
        readUpTo = now;
        dueNoticedDuringRead = Long.MAX_VALUE;
        return new ReadRequest(watermark, now, room);
    }

    /** The read failed: what arrived meanwhile is still in the store, and a later read will find it. */
    void readFailed() {
        reading = false;
        arrivedDuringRead.forEach(reference -> nextDue = Math.min(nextDue, reference.message().data().deliveryTime()));
        arrivedDuringRead.clear();
    }

    /**
     * Takes a read in: moves the watermark and returns the references that enter memory now, the
     * read's own and those that arrived while it ran and are now behind the watermark.
     */
    List<MessageReference> readDone(ReadRequest request, ScheduleIndex.Page page) {
        reading = false;
        List<StoredReference> read = page.references();
        boolean complete = read.size() < request.max() || page.nextTime() > request.upTo();
        watermark = complete || read.isEmpty()
                ? new ScheduleIndex.Key(request.upTo(), Long.MAX_VALUE)
                : ScheduleIndex.Key.of(ScheduleIndex.DELIVERY_TIME, read.get(read.size() - 1));
        nextDue = Math.min(page.nextTime(), dueNoticedDuringRead);
        List<MessageReference> admitted = new ArrayList<>(read.size());
        Set<Long> readIds = new HashSet<>();
        for (StoredReference stored : read) {
            readIds.add(stored.messageId());
            if (lockedByPrepared.contains(stored.messageId()) || admittedAhead.remove(stored.messageId()) != null) {
                continue;
            }
            if (writesInFlight.contains(stored.messageId())) {
                seenBeforeArrival.add(stored.messageId());
            }
            admitted.add(MessageReference.stored(stored));
        }
        for (MessageReference reference : arrivedDuringRead) {
            long due = reference.message().data().deliveryTime();
            if (readIds.contains(reference.message().storeId())) {
                continue;
            }
            if (behindWatermark(due)) {
                admitted.add(reference);
            } else {
                nextDue = Math.min(nextDue, due);
            }
        }
        arrivedDuringRead.clear();
        admittedAhead.values().removeIf(this::behindWatermark);
        return admitted;
    }

    /**
     * Whether a delayed reference of this queue with this key is still waiting in the store (no read
     * has taken it in, and no write completion is about to): an expired one may be removed from there.
     */
    boolean waitingInStore(StoredReference reference) {
        long id = reference.messageId();
        return ScheduleIndex.Key.of(ScheduleIndex.DELIVERY_TIME, reference).compareTo(watermark) > 0
                && !writesInFlight.contains(id) && !admittedAhead.containsKey(id) && !lockedByPrepared.contains(id);
    }

    /**
     * Whether no later read can return a reference due at {@code due}: it is before the watermark's
     * time, or at that time when the watermark covers all of it. A reference committed after a read
     * began has a position above every one that read returned, so at the watermark's own time it is
     * after a watermark set to a returned key.
     */
    private boolean behindWatermark(long due) {
        return due < watermark.time() || due == watermark.time() && watermark.position() == Long.MAX_VALUE;
    }

    /**
     * Where a browser finds the delayed references still waiting in the store: after {@code after} in
     * the index, except the ids in {@code skips} (in memory already, or locked by a prepared XA branch).
     */
    record BrowseStart(ScheduleIndex.Key after, Set<Long> skips) {
    }

    BrowseStart browseStart() {
        Set<Long> skips = new HashSet<>(lockedByPrepared);
        skips.addAll(admittedAhead.keySet());
        skips.addAll(seenBeforeArrival);
        return new BrowseStart(watermark, skips);
    }

    /** The queue was deleted: nothing more to read. */
    void clear() {
        nextDue = Long.MAX_VALUE;
        writesInFlight.clear();
        seenBeforeArrival.clear();
        admittedAhead.clear();
        arrivedDuringRead.clear();
    }
}
