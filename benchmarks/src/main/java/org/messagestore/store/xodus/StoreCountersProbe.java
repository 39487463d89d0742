package org.messagestore.store.xodus;

import org.messagestore.benchmarks.StoreCounters;

/**
 * Reads the package-private {@link StoreStatistics} of a store for the benchmark report; it lives in the
 * store's package because the counters are not public API.
 */
public final class StoreCountersProbe {

    private StoreCountersProbe() {
    }

    public static StoreCounters read(XodusMessageStore store) {
        StoreStatistics statistics = store.statistics();
        return new StoreCounters(statistics.flushes(), statistics.batchesCommitted(), statistics.elidedMessages(),
                statistics.commitNanos());
    }
}
