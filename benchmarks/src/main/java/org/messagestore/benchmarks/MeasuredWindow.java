package org.messagestore.benchmarks;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A load's measured window: {@code --warmup} seconds of it first, then how far a counter moved during the
 * next {@code --seconds}, and what the store did meanwhile (MessageStore's counters).
 */
record MeasuredWindow(long fromNanos, long untilNanos, long count, Optional<StoreCounters> counters) {

    /** Sleeps through the warm-up and the window of a load that is already running. */
    static MeasuredWindow measure(BrokerPeer peer, BenchmarkOptions options, LongSupplier counter) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(options.warmupSeconds()).toMillis());
        long before = counter.getAsLong();
        Optional<StoreCounters> countersBefore = peer.storeCounters();
        long from = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(options.seconds()).toMillis());
        long count = counter.getAsLong() - before;
        long until = System.nanoTime();
        Optional<StoreCounters> countersAfter = peer.storeCounters();
        return new MeasuredWindow(from, until, count, countersAfter.map(after -> after.since(countersBefore.orElseThrow())));
    }

    double perSecond() {
        return count / ((untilNanos - fromNanos) / 1e9);
    }

    /** One detail line with the store's counters over the window, when the peer has them. */
    void reportCounters(String row, WorkloadReport report) {
        counters.ifPresent(during -> report.detail(row + " (measured window): " + during.describe()));
    }
}
