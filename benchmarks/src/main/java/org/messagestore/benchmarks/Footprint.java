package org.messagestore.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a broker holds: the resident memory of this JVM (the broker's, in a child) and the size of its data directory. */
final class Footprint {

    private Footprint() {
    }

    /** VmRSS from /proc/self/status, in bytes (Linux). */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line");
    }

    /**
     * The sum of the sizes of the files under {@code dir}: what the broker wrote, preallocated journal files
     * included (Artemis and KahaDB fill theirs; a sparse file would count more than it takes on disk).
     */
    static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(Footprint::sizeOf).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A file the broker deleted while the walk went on counts as empty. */
    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
