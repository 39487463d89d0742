package org.messagestore.store.xodus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, so that a disk can really fill up. Mounting needs root: as
 * anyone else (or where mount is not allowed) the calling test is skipped with a message saying why.
 * {@link #close} unmounts it.
 */
final class SmallDisk implements AutoCloseable {

    private final Path root;

    private SmallDisk(Path root) {
        this.root = root;
    }

    /** Mounts a tmpfs of {@code size} (mount syntax, e.g. "32m") on a new directory {@code under/small-disk}. */
    static SmallDisk mount(Path under, String size) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs; skipped");
        Path root = Files.createDirectory(under.resolve("small-disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", root.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount a tmpfs here (" + output.strip() + "); skipped");
        return new SmallDisk(root);
    }

    Path root() {
        return root;
    }

    long usableBytes() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** Writes {@code name} until the disk refuses more: afterwards nothing is left. */
    Path fillUp(String name) throws IOException {
        Path filler = root.resolve(name);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (usableBytes() > chunk.length) {
                throw full; // not a full disk: some other failure
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", root.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
