package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.RemoveReference;

/**
 * An append-only file that makes acknowledgements durable with one small append and one fdatasync,
 * instead of a Xodus commit, which rewrites the B-tree pages of four stores and costs several times
 * the sync itself. The writer applies the journaled removals to Xodus later, many per commit, and
 * then empties the journal; opening the store applies whatever a crash left in it (removing a
 * reference twice is harmless, and message ids are never reused).
 *
 * <p>Record: int32 payload length, int32 CRC32C of the payload, payload ({@link OperationCodec}'s
 * encoding of the removals). Reading stops at the first record that is cut short or fails its
 * checksum: it was being written when the process died, so its sync never returned and nobody was
 * told it was durable.
 *
 * <p>Threads: owned by the writer thread; {@link #read} runs before the writer starts.
 */
final class AcknowledgementJournal implements AutoCloseable {

    static final String FILE_NAME = "acknowledgements.journal";
    private static final int HEADER_BYTES = 8;

    private final FileChannel channel;

    private AcknowledgementJournal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the journal of {@code directory} for appending; it must have been {@linkplain #read read} and emptied. */
    static AcknowledgementJournal open(Path directory) throws IOException {
        return new AcknowledgementJournal(FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** The removals the journal of {@code directory} holds, oldest first, up to the first torn record. */
    static List<StoreOperation> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        List<StoreOperation> removals = new ArrayList<>();
        if (!Files.exists(file)) {
            return removals;
        }
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        while (all.remaining() >= HEADER_BYTES) {
            int length = all.getInt();
            int checksum = all.getInt();
            if (length < 0 || length > all.remaining()) {
                break;
            }
            byte[] payload = new byte[length];
            all.get(payload);
            if (checksum(payload) != checksum) {
                break;
            }
            removals.addAll(OperationCodec.decodeWork(payload, length));
        }
        return removals;
    }

    /** Whether a batch can go to the journal: it removes references and does nothing else. */
    static boolean journals(List<StoreOperation> operations) {
        return !operations.isEmpty() && operations.stream().allMatch(RemoveReference.class::isInstance);
    }

    /** Appends one record with {@code removals} and returns once it is on disk (fdatasync). */
    void append(List<StoreOperation> removals) throws IOException {
        byte[] payload = OperationCodec.encodeWork(removals);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length)
                .putInt(payload.length).putInt(checksum(payload)).put(payload).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        channel.force(false);
    }

    /**
     * Empties the journal once Xodus holds every removal in it durably. Not synced: should the
     * truncation be lost, opening the store applies those removals a second time, which changes nothing.
     */
    void clear() throws IOException {
        channel.truncate(0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int checksum(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
