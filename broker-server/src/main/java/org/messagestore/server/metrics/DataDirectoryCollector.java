package org.messagestore.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code messagestore_data_directory_bytes}: the size of the files under the data directory, summed when
 * Prometheus scrapes. Cheap: the store keeps a few dozen log files of several MiB each (Xodus), and the walk
 * reads their attributes only. A file that goes away during the walk (the store's log cleaner deletes files)
 * is skipped, not an error.
 *
 * <p>Threads: runs on the HTTP server's thread that answers the scrape.
 */
final class DataDirectoryCollector implements Collector {

    private final Path dataDir;

    DataDirectoryCollector(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public MetricSnapshot collect() {
        return GaugeSnapshot.builder().name("messagestore_data_directory_bytes")
                .help("Size of the files in the broker's data directory (the store and its disk reserve)")
                .unit(Unit.BYTES)
                .dataPoint(GaugeDataPointSnapshot.builder().value(size()).build())
                .build();
    }

    long size() {
        long[] total = {0};
        try {
            Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the data directory " + dataDir, e);
        }
        return total[0];
    }
}
