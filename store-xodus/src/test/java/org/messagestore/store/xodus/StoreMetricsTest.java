package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.StoreMetrics;

/** What the Xodus store reports to metrics: commits with their latency histogram, batches, elision, disk state. */
class StoreMetricsTest {

    @TempDir
    Path dir;

    @Test
    void commitsAreCountedWithTheirLatencyAndEveryBatchOnce() {
        try (XodusMessageStore store = open(dir)) {
            StoreMetrics before = store.metrics().orElseThrow();
            assertThat(before.commits()).isZero();
            assertThat(before.commitLatencyBuckets()).hasSize(StoreMetrics.COMMIT_LATENCY_BOUNDS_SECONDS.size() + 1)
                    .containsOnly(0L);

            for (long id = 1; id <= 3; id++) {
                applyAndWait(store, TestMessages.send(ORDERS_QUEUE, id));
            }

            StoreMetrics after = store.metrics().orElseThrow();
            assertThat(after.commits()).isBetween(1L, 3L);
            assertThat(after.commitLatencyBuckets().stream().mapToLong(Long::longValue).sum()).isEqualTo(after.commits());
            assertThat(after.commitSecondsTotal()).isPositive();
            assertThat(after.batches()).isEqualTo(3);
            assertThat(after.bytesWritten()).isGreaterThan(before.bytesWritten());
            assertThat(after.gcRuns()).isNotNegative();
            assertThat(after.diskLow()).isFalse();
        }
    }

    @Test
    void aCommitCountsInTheFirstBucketItFits() {
        assertThat(StoreMetrics.bucketOf(100_000)).isZero();          // 0.1 ms
        assertThat(StoreMetrics.bucketOf(1_500_000)).isEqualTo(2);    // 1.5 ms: at most 2 ms
        assertThat(StoreMetrics.bucketOf(5_000_000_000L)).isEqualTo(StoreMetrics.COMMIT_LATENCY_BOUNDS_SECONDS.size());
    }
}
