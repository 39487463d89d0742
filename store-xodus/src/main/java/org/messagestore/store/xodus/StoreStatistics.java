package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import jetbrains.exodus.env.EnvironmentStatistics;
import jetbrains.exodus.management.Statistics;
import org.messagestore.store.StoreMetrics;

/**
 * Counters of what the writer did, for tests and the benchmark: how many flushes (Xodus commits),
 * batches, keys written and deleted, and references and messages elided (cancelled before reaching
 * disk).
 *
 * <p>Threads: written by whoever flushes (the writer thread, or a submitter), read by any thread.
 */
final class StoreStatistics {

    final LongAdder flushes = new LongAdder();
    final LongAdder batchesCommitted = new LongAdder();
    final LongAdder batchesFailed = new LongAdder();
    final LongAdder keysPut = new LongAdder();
    final LongAdder keysDeleted = new LongAdder();
    final LongAdder elidedReferences = new LongAdder();
    final LongAdder elidedMessages = new LongAdder();
    /** Flushes made by the thread that submitted the batch, the writer thread being idle. */
    final LongAdder flushesBySubmitters = new LongAdder();
    /** Batches of acknowledgements made durable by the acknowledgement journal instead of a flush. */
    final LongAdder journaledBatches = new LongAdder();
    /** Checkpoints of the change journal (Xodus synced, journal cleared). */
    final LongAdder checkpoints = new LongAdder();
    /** Time spent making flushes durable (the change journal's sync and Xodus's commit), summed. */
    final LongAdder commitNanos = new LongAdder();
    /** Flushes per commit latency bucket ({@link StoreMetrics#COMMIT_LATENCY_BOUNDS_SECONDS}). */
    private final LongAdder[] commitLatencyBuckets = new LongAdder[StoreMetrics.COMMIT_LATENCY_BOUNDS_SECONDS.size() + 1];

    StoreStatistics() {
        for (int i = 0; i < commitLatencyBuckets.length; i++) {
            commitLatencyBuckets[i] = new LongAdder();
        }
    }

    /** One flush's commit took {@code nanos}. */
    void committed(long nanos) {
        commitNanos.add(nanos);
        commitLatencyBuckets[StoreMetrics.bucketOf(nanos)].increment();
        flushes.increment();
    }

    /** The public view, for metrics, with what Xodus counts itself. */
    StoreMetrics metrics(Statistics<EnvironmentStatistics.Type> xodus, boolean diskLow) {
        List<Long> buckets = new ArrayList<>(commitLatencyBuckets.length);
        for (LongAdder bucket : commitLatencyBuckets) {
            buckets.add(bucket.sum());
        }
        return new StoreMetrics(flushes(), buckets, commitNanos() / 1e9, batchesCommitted(), elidedMessages(),
                elidedReferences(), total(xodus, EnvironmentStatistics.Type.BYTES_WRITTEN),
                total(xodus, EnvironmentStatistics.Type.GC_TRANSACTIONS), total(xodus, EnvironmentStatistics.Type.BYTES_MOVED_BY_GC),
                diskLow);
    }

    private static long total(Statistics<EnvironmentStatistics.Type> xodus, EnvironmentStatistics.Type type) {
        return xodus.getStatisticsItem(type).getTotal();
    }

    long flushes() {
        return flushes.sum();
    }

    long flushesBySubmitters() {
        return flushesBySubmitters.sum();
    }

    long batchesCommitted() {
        return batchesCommitted.sum();
    }

    long batchesFailed() {
        return batchesFailed.sum();
    }

    long keysPut() {
        return keysPut.sum();
    }

    long keysDeleted() {
        return keysDeleted.sum();
    }

    long elidedReferences() {
        return elidedReferences.sum();
    }

    long elidedMessages() {
        return elidedMessages.sum();
    }

    long journaledBatches() {
        return journaledBatches.sum();
    }

    long checkpoints() {
        return checkpoints.sum();
    }

    long commitNanos() {
        return commitNanos.sum();
    }

    @Override
    public String toString() {
        return "flushes=" + flushes() + " bySubmitters=" + flushesBySubmitters() + " batches=" + batchesCommitted() + " failed=" + batchesFailed()
                + " put=" + keysPut() + " deleted=" + keysDeleted()
                + " elidedReferences=" + elidedReferences() + " elidedMessages=" + elidedMessages()
                + " journaledBatches=" + journaledBatches() + " checkpoints=" + checkpoints();
    }
}
