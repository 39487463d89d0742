package org.messagestore.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreMetrics;

/**
 * The store's own account ({@link MessageStore#metrics()}), read when Prometheus scrapes: commits with a
 * latency histogram, batches made durable, writes the store saved by elision, and whether it gave up its
 * disk reserve. A store that keeps no account (the in-memory one) exports nothing here.
 *
 * <p>Threads: runs on the HTTP server's thread that answers the scrape.
 */
final class StoreCollector implements MultiCollector {

    private final MessageStore store;

    StoreCollector(MessageStore store) {
        this.store = store;
    }

    @Override
    public MetricSnapshots collect() {
        return store.metrics().map(StoreCollector::snapshots).orElse(MetricSnapshots.of());
    }

    private static MetricSnapshots snapshots(StoreMetrics metrics) {
        List<Double> bounds = new ArrayList<>(StoreMetrics.COMMIT_LATENCY_BOUNDS_SECONDS);
        bounds.add(Double.POSITIVE_INFINITY);
        var commits = HistogramSnapshot.builder().name("messagestore_store_commit_seconds")
                .help("Time each store commit (one fsync, however many batches it carried) took")
                .unit(Unit.SECONDS)
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, metrics.commitLatencyBuckets()))
                        .sum(metrics.commitSecondsTotal())
                        .build())
                .build();
        return MetricSnapshots.of(commits,
                counter("messagestore_store_batches", "Batches of work made durable (sends, acknowledgements, commits)",
                        metrics.batches()),
                counter("messagestore_store_elided_messages",
                        "Messages acknowledged before they were written, so never written", metrics.elidedMessages()),
                counter("messagestore_store_elided_references",
                        "References removed before they were written, so never written", metrics.elidedReferences()),
                counter("messagestore_store_written_bytes", "Bytes the store wrote to its files, garbage collection included",
                        metrics.bytesWritten()),
                counter("messagestore_store_gc_runs", "Store garbage collection runs (moving live data out of old files)",
                        metrics.gcRuns()),
                counter("messagestore_store_gc_moved_bytes", "Bytes store garbage collection moved", metrics.gcBytesMoved()),
                GaugeSnapshot.builder().name("messagestore_store_disk_low")
                        .help("1 when the store gave up its disk reserve and refuses persistent sends, else 0")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(metrics.diskLow() ? 1 : 0).build())
                        .build());
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
