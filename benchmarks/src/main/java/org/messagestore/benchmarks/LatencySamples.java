package org.messagestore.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Durations measured by one thread (a message's time from its send to its receipt, a round trip), each with
 * the time it started, so a report can keep only those inside its measurement window. Written by its one
 * thread; read after that thread has ended.
 */
final class LatencySamples {

    private long[] starts = new long[4096];
    private long[] latencies = new long[4096];
    private int size;

    void add(long startNanos, long latencyNanos) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        starts[size] = startNanos;
        latencies[size] = latencyNanos;
        size++;
    }

    /** Percentiles in milliseconds of the durations that started and ended within [from, until]. */
    static Percentiles within(List<LatencySamples> all, long from, long until) {
        long[] kept = all.stream()
                .flatMapToLong(samples -> java.util.stream.IntStream.range(0, samples.size)
                        .filter(i -> samples.starts[i] >= from && samples.starts[i] + samples.latencies[i] <= until)
                        .mapToLong(i -> samples.latencies[i]))
                .sorted()
                .toArray();
        return new Percentiles(kept.length, percentileMillis(kept, 0.50), percentileMillis(kept, 0.99));
    }

    private static double percentileMillis(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    record Percentiles(int count, double p50Millis, double p99Millis) {
    }
}
