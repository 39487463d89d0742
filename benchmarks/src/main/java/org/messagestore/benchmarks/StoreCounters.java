package org.messagestore.benchmarks;

/**
 * What the MessageStore group-commit writer did over some interval.
 *
 * @param commits         Xodus commits (each one fdatasync)
 * @param batches         store calls committed, each one the caller's unit of durability (a send, an
 *                        acknowledgement, a transaction's commit)
 * @param elidedMessages  messages whose add and acknowledgement cancelled in one commit, never written
 * @param commitNanos     time spent inside the commits
 */
public record StoreCounters(long commits, long batches, long elidedMessages, long commitNanos) {

    public StoreCounters since(StoreCounters earlier) {
        return new StoreCounters(commits - earlier.commits, batches - earlier.batches,
                elidedMessages - earlier.elidedMessages, commitNanos - earlier.commitNanos);
    }

    /** One line for the report. */
    public String describe() {
        double perCommit = commits == 0 ? 0 : (double) batches / commits;
        double commitMillis = commits == 0 ? 0 : commitNanos / 1e6 / commits;
        return String.format("commits %,d, store calls per commit %.1f, messages elided %,d, mean commit %.2f ms",
                commits, perCommit, elidedMessages, commitMillis);
    }
}
