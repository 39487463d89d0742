package org.messagestore.broker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went through one queue since the broker started, and how many messages it holds now, for
 * operators ({@link QueueStatistics}). Totals only grow; {@code depth} counts every message the queue
 * holds, in memory or in the store, delivered or not, until it is acknowledged, expires, moves to the
 * dead-letter queue or is removed otherwise. It starts from the store's count when the queue is recovered.
 *
 * <p>Threads: any; each update is one atomic add, so the counts are exact but a snapshot taken while
 * messages move may see one change and not the next.
 */
final class QueueCounters {

    private final AtomicLong depth = new AtomicLong();
    private final LongAdder added = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();

    /** The queue was recovered holding {@code stored} references. */
    void recovered(long stored) {
        depth.addAndGet(stored);
    }

    void added(long count) {
        added.add(count);
        depth.addAndGet(count);
    }

    /** A message counted by {@link #added} did not arrive after all (its store write failed). */
    void notAdded(long count) {
        added.add(-count);
        depth.addAndGet(-count);
    }

    void countDelivery() {
        delivered.increment();
    }

    void acknowledged(long count) {
        acknowledged.add(count);
        depth.addAndGet(-count);
    }

    void redelivered(long count) {
        redelivered.add(count);
    }

    void expired(long count) {
        expired.add(count);
        depth.addAndGet(-count);
    }

    void deadLettered(long count) {
        deadLettered.add(count);
        depth.addAndGet(-count);
    }

    /** Messages that left without being acknowledged, expiring or moving (a recovered XA branch's commit). */
    void removed(long count) {
        depth.addAndGet(-count);
    }

    long depth() {
        return depth.get();
    }

    long added() {
        return added.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long redelivered() {
        return redelivered.sum();
    }

    long expired() {
        return expired.sum();
    }

    long deadLettered() {
        return deadLettered.sum();
    }
}
