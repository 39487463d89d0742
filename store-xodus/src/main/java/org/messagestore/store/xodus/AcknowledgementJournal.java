package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.RemoveReference;

/**
 * A journal that makes acknowledgements durable with one small write and one fdatasync, instead of a
 * pass through the Xodus writer, which rewrites the B-tree pages of four stores. The writer applies
 * the journaled removals to Xodus later, many per commit (and its {@link ChangeJournal} makes that
 * durable), and then this journal is {@linkplain #clear cleared}; opening the store applies whatever a
 * crash left in it (removing a reference twice is harmless, and message ids are never reused).
 *
 * <p>An {@link InPlaceJournal} whose payloads are {@link OperationCodec}'s encoding of the removals.
 *
 * <p>Threads: used by one thread at a time (the acknowledgement writer's, or a thread that submits to
 * it, under its lock); {@link #read} runs before the writer starts.
 */
final class AcknowledgementJournal implements AutoCloseable {

    static final String FILE_NAME = "acknowledgements.journal";
    static final int CHUNK_BYTES = 4 << 20;

    private final InPlaceJournal records;

    private AcknowledgementJournal(Path file) throws IOException {
        this.records = new InPlaceJournal(file, CHUNK_BYTES);
    }

    /**
     * Opens the journal of {@code directory} for writing. What a previous run left stays until the
     * first {@link #append} or {@link #clear}: the store must have {@linkplain #read read} and applied it.
     */
    static AcknowledgementJournal open(Path directory) throws IOException {
        return new AcknowledgementJournal(directory.resolve(FILE_NAME));
    }

    /** The removals the journal of {@code directory} holds, oldest first, up to the first torn or stale record. */
    static List<StoreOperation> read(Path directory) throws IOException {
        List<StoreOperation> removals = new ArrayList<>();
        for (byte[] payload : InPlaceJournal.read(directory.resolve(FILE_NAME))) {
            removals.addAll(OperationCodec.decodeWork(payload, payload.length));
        }
        return removals;
    }

    /** Whether a batch can go to the journal: it removes references and does nothing else. */
    static boolean journals(List<StoreOperation> operations) {
        return !operations.isEmpty() && operations.stream().allMatch(RemoveReference.class::isInstance);
    }

    /** Writes one record with {@code removals} and returns once it is on disk (fdatasync). */
    void append(List<StoreOperation> removals) throws IOException {
        records.append(OperationCodec.encodeWork(removals));
    }

    /**
     * Clears the journal once Xodus holds every removal in it durably. Should the clear be lost,
     * opening the store applies those removals a second time, which changes nothing.
     */
    void clear() throws IOException {
        records.clear();
    }

    /** Where the next record goes (for tests). */
    long position() {
        return records.position();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
