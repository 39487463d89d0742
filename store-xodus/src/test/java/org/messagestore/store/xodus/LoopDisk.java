package org.messagestore.store.xodus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An ext4 file system in an image file, mounted through a loop device, so that a test can take what
 * the disk holds at one moment (a copy of the image) and mount that as the disk after a power cut.
 * Needs root and a kernel that lends loop devices: elsewhere the calling test is skipped, saying why.
 * {@link #close} unmounts it (which frees the loop device).
 */
final class LoopDisk implements AutoCloseable {

    private final Path mountPoint;

    private LoopDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Makes an empty ext4 file system of {@code bytes} in {@code image} and mounts it on {@code mountPoint}. */
    static LoopDisk create(Path image, long bytes, Path mountPoint) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a loop device; skipped");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        String made = run(List.of("mkfs.ext4", "-q", "-F", image.toString()));
        assumeTrue(made == null, "cannot make an ext4 file system here (" + made + "); skipped");
        return mount(image, mountPoint);
    }

    /** Mounts the file system in {@code image} (as a power cut left it: ext4 replays its journal). */
    static LoopDisk mount(Path image, Path mountPoint) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String mounted = run(List.of("mount", "-t", "ext4", "-o", "loop", image.toString(), mountPoint.toString()));
        assumeTrue(mounted == null, "cannot mount a loop device here (" + mounted + "); skipped");
        return new LoopDisk(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }

    /** Unmounts; if the file system is busy, detaches it lazily so that nothing stays mounted, and says so. */
    @Override
    public void close() throws IOException, InterruptedException {
        String failed = run(List.of("umount", mountPoint.toString()));
        if (failed != null) {
            String lazy = run(List.of("umount", "-l", mountPoint.toString()));
            throw new IOException(failed + (lazy == null ? " (detached lazily instead)" : "; " + lazy));
        }
    }
}
