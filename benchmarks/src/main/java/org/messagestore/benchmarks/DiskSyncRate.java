package org.messagestore.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * How many fdatasyncs the disk under a directory does per second, writing 1 KiB with
 * {@code FileChannel.write} and then {@code force(false)}, again and again, in two ways: appending to
 * the end of the file (the file's size changes, so each sync also journals metadata; Xodus commits
 * this way), and overwriting a preallocated file in place (only data to sync; MessageStore's
 * acknowledgement journal, Artemis's and KahaDB's journals write this way). A consumer whose every
 * acknowledgement waits for its own sync cannot drain faster than the rate its store writes at (W7 drain).
 */
final class DiskSyncRate {

    private static final int BLOCK = 1024;
    private static final long PREALLOCATED_BYTES = 64L << 20;

    /** Both rates, in syncs per second. */
    record Rates(double appending, double inPlace) {
    }

    private DiskSyncRate() {
    }

    /** Both rates, each measured over {@code duration} in a temporary file in {@code dir}, deleted afterwards. */
    static Rates measure(Path dir, Duration duration) throws IOException {
        return new Rates(appending(dir, duration), inPlace(dir, duration));
    }

    private static double appending(Path dir, Duration duration) throws IOException {
        Path file = Files.createTempFile(dir, "benchmark-sync-rate-", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return syncsPerSecond(channel, duration, false);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double inPlace(Path dir, Duration duration) throws IOException {
        Path file = Files.createTempFile(dir, "benchmark-sync-rate-", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < PREALLOCATED_BYTES; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
            return syncsPerSecond(channel, duration, true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double syncsPerSecond(FileChannel channel, Duration duration, boolean inPlace) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long syncs = 0;
        long position = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        while (now < end) {
            block.clear();
            while (block.hasRemaining()) {
                if (inPlace) {
                    channel.write(block, position + block.position());
                } else {
                    channel.write(block);
                }
            }
            position = (position + BLOCK) % PREALLOCATED_BYTES;
            channel.force(false);
            syncs++;
            now = System.nanoTime();
        }
        return syncs / ((now - start) / 1e9);
    }
}
