package org.messagestore.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The references a {@link MessageQueue} holds in memory, waiting for a consumer, and what they cost:
 * due ones in {@code pending} (dispatch order: priority, then arrival), ones not yet due in
 * {@code held} (by due time: delivery delay, Jakarta Messaging 3.1, 7.9, or a redelivery delay). Every
 * reference that enters memory counts against the broker's {@link MemoryLimit} until it leaves for good,
 * delivered and unacknowledged ones included; leaving also tells the store hand-over, which keeps count
 * of the stored references in memory.
 *
 * <p>Threads: none of its own; guarded by the queue's lock, which every caller holds.
 */
final class QueueMemory {

    private static final Comparator<MessageReference> DUE_ORDER =
            Comparator.comparingLong(QueueMemory::dueAt).thenComparing(MessageReference.DISPATCH_ORDER);

    private final MemoryLimit limit;
    private final StoreHandOver store;
    private final TreeSet<MessageReference> pending = new TreeSet<>(MessageReference.DISPATCH_ORDER);
    private final TreeSet<MessageReference> held = new TreeSet<>(DUE_ORDER);
    /** No reference waiting here expires before this (a lower bound); MAX_VALUE when none expires. */
    private long earliestExpiration = Long.MAX_VALUE;
    /** Estimated bytes of this queue's messages counted against the limit: waiting ones and delivered, unacknowledged ones. */
    private long bytes;
    /** Most references ever waiting at once; for tests. */
    private int peakResident;

    QueueMemory(MemoryLimit limit, StoreHandOver store) {
        this.limit = limit;
        this.store = store;
    }

    /** A reference enters memory: waiting (due or held) and counted against the memory limit. */
    void admit(MessageReference reference, long now) {
        putBack(reference, now);
        limit.add(reference.message().data().estimatedSize());
        bytes += reference.message().data().estimatedSize();
        peakResident = Math.max(peakResident, resident());
    }

    /** A reference already counted (delivered, then taken back) waits again: due or held. */
    void putBack(MessageReference reference, long now) {
        (dueAt(reference) > now ? held : pending).add(reference);
        long expiration = reference.message().data().expiration();
        if (expiration != 0) {
            earliestExpiration = Math.min(earliestExpiration, expiration);
        }
    }

    /** A reference leaves memory for good: acknowledged, expired, moved away, or its queue deleted. */
    void release(MessageReference reference) {
        limit.release(reference.message().data().estimatedSize());
        bytes -= reference.message().data().estimatedSize();
        store.left(reference);
    }

    /** Releases the reference if it still waits here; returns whether it did. */
    boolean releaseIfWaiting(MessageReference reference) {
        if (pending.remove(reference) || held.remove(reference)) {
            release(reference);
            return true;
        }
        return false;
    }

    /** The due references in dispatch order, after moving those whose time has come from held; removable. */
    Iterator<MessageReference> due(long now) {
        while (!held.isEmpty() && dueAt(held.first()) <= now) {
            pending.add(held.pollFirst());
        }
        return pending.iterator();
    }

    /**
     * Takes the expired references out of memory and releases them (Jakarta Messaging 3.1, 3.4.9); also
     * works out the next earliest expiration.
     */
    List<MessageReference> takeExpired(long now) {
        List<MessageReference> expired = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        for (TreeSet<MessageReference> waiting : List.of(pending, held)) {
            for (Iterator<MessageReference> it = waiting.iterator(); it.hasNext(); ) {
                MessageReference reference = it.next();
                long expiration = reference.message().data().expiration();
                if (expiration != 0 && expiration <= now) {
                    it.remove();
                    release(reference);
                    expired.add(reference);
                } else if (expiration != 0) {
                    earliest = Math.min(earliest, expiration);
                }
            }
        }
        earliestExpiration = earliest;
        return expired;
    }

    /**
     * Takes out and releases up to {@code max} waiting references, due or held, that {@code which}
     * selects, due ones first in dispatch order (an operator's purge or move, see {@link OperatorSweep}).
     */
    List<MessageReference> takeMatching(Predicate<MessageReference> which, int max) {
        List<MessageReference> taken = new ArrayList<>();
        for (TreeSet<MessageReference> waiting : List.of(pending, held)) {
            for (Iterator<MessageReference> it = waiting.iterator(); it.hasNext() && taken.size() < max; ) {
                MessageReference reference = it.next();
                if (which.test(reference)) {
                    it.remove();
                    release(reference);
                    taken.add(reference);
                }
            }
        }
        return taken;
    }

    /** Releases everything waiting (the queue was deleted). */
    void clear() {
        pending.forEach(this::release);
        held.forEach(this::release);
        pending.clear();
        held.clear();
    }

    long bytes() {
        return bytes;
    }

    /**
     * The JMSTimestamp of the message at the head of the queue, the next due one to be delivered (with a
     * single priority, the oldest waiting); 0 when none is due. Constant time: statistics are read on
     * every scrape and JMX refresh, with this queue's lock held.
     */
    long headTimestamp() {
        return pending.isEmpty() ? 0 : pending.first().message().data().timestamp();
    }

    int resident() {
        return pending.size() + held.size();
    }

    /** When the earliest held reference becomes due, or MAX_VALUE. */
    long nextDue() {
        return held.isEmpty() ? Long.MAX_VALUE : dueAt(held.first());
    }

    long earliestExpiration() {
        return earliestExpiration;
    }

    boolean contains(MessageReference reference) {
        return pending.contains(reference) || held.contains(reference);
    }

    /** The references waiting, due or held, in delivery order: a browser's snapshot. */
    List<MessageReference> snapshot() {
        List<MessageReference> all = new ArrayList<>(resident());
        all.addAll(pending);
        all.addAll(held);
        all.sort(MessageReference.DISPATCH_ORDER);
        return all;
    }

    int peakResident() {
        return peakResident;
    }

    /**
     * JMSDeliveryTime: not delivered (nor browsed) before it (Jakarta Messaging 3.1, 7.9); nor, after it
     * came back, before its redelivery delay has passed.
     */
    private static long dueAt(MessageReference reference) {
        return Math.max(reference.message().data().deliveryTime(), reference.redeliverAt());
    }
}
