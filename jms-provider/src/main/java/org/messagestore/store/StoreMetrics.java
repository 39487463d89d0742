package org.messagestore.store;

import java.util.List;
import java.util.Objects;

/**
 * What a store has done since it opened, for operators' metrics ({@link MessageStore#metrics()}).
 *
 * @param commits                 durable commits (each one fsync, however many batches it carried)
 * @param commitLatencyBuckets    how many commits took at most each of {@link #COMMIT_LATENCY_BOUNDS_SECONDS}
 *                                (not cumulative: a commit counts in the first bucket it fits), plus a last
 *                                entry for those slower than every bound
 * @param commitSecondsTotal      time spent in commits
 * @param batches                 batches of work made durable (by commits, or by an acknowledgement journal)
 * @param elidedMessages          messages acknowledged before they were written, so never written
 * @param elidedReferences        references removed before they were written
 * @param bytesWritten            bytes the store wrote to its files (its own log, garbage collection included)
 * @param gcRuns                  garbage collection runs: transactions that moved live data out of old files
 *                                so they can be deleted
 * @param gcBytesMoved            bytes those runs moved
 * @param diskLow                 whether the store gave up its disk reserve: persistent sends are refused
 */
public record StoreMetrics(long commits, List<Long> commitLatencyBuckets, double commitSecondsTotal, long batches,
                           long elidedMessages, long elidedReferences, long bytesWritten, long gcRuns, long gcBytesMoved,
                           boolean diskLow) {

    /** Upper bounds of the commit latency buckets, in seconds: an fsync on a good disk is a few hundred µs. */
    public static final List<Double> COMMIT_LATENCY_BOUNDS_SECONDS =
            List.of(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0);

    public StoreMetrics {
        Objects.requireNonNull(commitLatencyBuckets, "commitLatencyBuckets");
        commitLatencyBuckets = List.copyOf(commitLatencyBuckets);
        if (commitLatencyBuckets.size() != COMMIT_LATENCY_BOUNDS_SECONDS.size() + 1) {
            throw new IllegalArgumentException("expected " + (COMMIT_LATENCY_BOUNDS_SECONDS.size() + 1)
                    + " commit latency buckets, not " + commitLatencyBuckets.size());
        }
    }

    /** The bucket a commit of {@code nanos} counts in. */
    public static int bucketOf(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < COMMIT_LATENCY_BOUNDS_SECONDS.size(); i++) {
            if (seconds <= COMMIT_LATENCY_BOUNDS_SECONDS.get(i)) {
                return i;
            }
        }
        return COMMIT_LATENCY_BOUNDS_SECONDS.size();
    }
}
