package org.messagestore.store.xodus;

import jakarta.jms.ResourceAllocationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps consumers working when the disk fills up. Xodus is log-structured: an acknowledgement
 * (a delete) is also an append, so on a completely full disk nothing could be acknowledged and the
 * backlog that holds the space could never drain. So the store keeps a file of reserved space,
 * {@value #FILE_NAME}, beside its log, and watches the space left on the disk:
 * <ul>
 * <li>when less than the reserve is usable (or a write failed for lack of space), the store goes
 *     <em>low on space</em>: it deletes the reserve file, and from then on refuses every batch that
 *     stores message bodies (sends, prepared XA work) with ResourceAllocationException
 *     (Jakarta Messaging 3.1: "a provider is unable to allocate the resources required by a
 *     method"), while acknowledgements and other bookkeeping go on in the freed space;</li>
 * <li>once twice the reserve is usable again (acknowledged files collected by Xodus GC, or space
 *     freed by someone else), it writes the reserve file again and accepts sends.</li>
 * </ul>
 *
 * <p>Threads: used by the thread flushing ({@link GroupCommitWriter}'s flush lock), which consults it
 * before each flush; created on the thread opening the store.
 */
final class DiskSpaceReserve {

    static final String FILE_NAME = "messagestore-space-reserve";
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceReserve.class);
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final FileStore fileStore;
    private final long reserveBytes;
    private final String description;
    /** Written by the thread flushing, read by metrics on any thread. */
    private volatile boolean low;

    private DiskSpaceReserve(Path file, FileStore fileStore, long reserveBytes, String description) {
        this.file = file;
        this.fileStore = fileStore;
        this.reserveBytes = reserveBytes;
        this.description = description;
    }

    /** Creates the reserve file in {@code directory} when it is missing; starts low on space when it cannot. */
    static DiskSpaceReserve open(Path directory, long reserveBytes, String description) throws IOException {
        DiskSpaceReserve reserve = new DiskSpaceReserve(directory.resolve(FILE_NAME), Files.getFileStore(directory),
                reserveBytes, description);
        if (!reserve.fill()) {
            reserve.low = true;
            LOG.warn("{}: the disk has no room for the {} MiB space reserve; persistent sends are refused until there is",
                    description, mib(reserveBytes));
        }
        return reserve;
    }

    /** Whether the reserve is given up: persistent sends are refused until space comes back. */
    boolean low() {
        return low;
    }

    /** Before a flush: goes low on space, or back to normal, by the space now usable. */
    void check() {
        long usable = usable();
        if (!low && usable < reserveBytes) {
            goLow(usable, "only " + mib(usable) + " MiB left on the disk");
        } else if (low && usable >= 2 * reserveBytes && fill()) {
            low = false;
            LOG.info("{}: {} MiB usable on the disk again; space reserve restored, persistent sends accepted",
                    description, mib(usable()));
        }
    }

    /** After a failed flush: true when the failure was a full disk and the store has just gone low on space. */
    boolean wentLowAfter(Throwable failure) {
        if (low) {
            return false;
        }
        long usable = usable();
        if (usable < reserveBytes || mentionsNoSpace(failure)) {
            goLow(usable, "a write failed: " + failure);
            return true;
        }
        return false;
    }

    /** Whether the writer may apply {@code batch} now: everything is, except stored bodies while low on space. */
    boolean admits(EncodedBatch batch) {
        return !low || batch.operations().stream().noneMatch(op -> op instanceof AddMessage || op instanceof PrepareTransaction);
    }

    ResourceAllocationException refusal() {
        return new ResourceAllocationException(description + ": the disk is nearly full (" + mib(usable())
                + " MiB usable); persistent sends are refused until " + mib(2 * reserveBytes)
                + " MiB are free again. Consume and acknowledge messages, or free space on the disk");
    }

    private void goLow(long usable, String why) {
        low = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{}: cannot delete the space reserve {}", description, file, e);
        }
        LOG.warn("{}: low on disk space ({}); released the {} MiB reserve for acknowledgements, refusing persistent sends "
                + "until {} MiB are usable", description, why, mib(reserveBytes), mib(2 * reserveBytes));
    }

    /** Writes the reserve file in full (real blocks, not a sparse file); false when the disk is too full. */
    private boolean fill() {
        if (reserveBytes == 0) {
            return true; // no reserve: sends are refused only after a write failed for lack of space
        }
        try {
            if (Files.exists(file) && Files.size(file) >= reserveBytes) {
                return true;
            }
            ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long written = 0; written < reserveBytes; ) {
                    zeros.clear().limit((int) Math.min(CHUNK, reserveBytes - written));
                    written += channel.write(zeros);
                }
            }
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            LOG.debug("{}: cannot write the space reserve", description, e);
            return false;
        }
    }

    private long usable() {
        try {
            return fileStore.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the write itself tell
        }
    }

    private static boolean mentionsNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left")) {
                return true;
            }
        }
        return false;
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
