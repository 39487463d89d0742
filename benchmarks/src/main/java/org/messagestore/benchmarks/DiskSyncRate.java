package org.messagestore.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * How many appending fdatasyncs the disk under a directory does per second: append 1 KiB with
 * {@code FileChannel.write}, then {@code force(false)}, again and again. A consumer whose every
 * acknowledgement waits for its own sync cannot drain faster than this (W7 drain).
 */
final class DiskSyncRate {

    private static final int BLOCK = 1024;

    private DiskSyncRate() {
    }

    /** Syncs per second over {@code duration}, measured in a temporary file in {@code dir}, deleted afterwards. */
    static double measure(Path dir, Duration duration) throws IOException {
        Path file = Files.createTempFile(dir, "benchmark-sync-rate-", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            long syncs = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long now = start;
            while (now < end) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
                channel.force(false);
                syncs++;
                now = System.nanoTime();
            }
            return syncs / ((now - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
