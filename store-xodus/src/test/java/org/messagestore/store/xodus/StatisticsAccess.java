package org.messagestore.store.xodus;

/** Test-side bridge so the benchmark (another package) can read the store's package-private counters. */
public final class StatisticsAccess {

    private StatisticsAccess() {
    }

    /** {flushes, batches committed, commit nanos, elided messages} */
    public static long[] snapshot(XodusMessageStore store) {
        StoreStatistics s = store.statistics();
        return new long[] {s.flushes(), s.batchesCommitted(), s.commitNanos(), s.elidedMessages()};
    }
}
