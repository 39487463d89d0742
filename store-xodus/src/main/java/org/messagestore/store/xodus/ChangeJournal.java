package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentImpl;

/**
 * What makes a Xodus commit durable: the writer puts each flush's {@link RecordedWrites changes} here
 * (one write, one fdatasync in place) before it commits, and Xodus commits without a sync of its own.
 * Xodus's log is appended to, and a sync after an append also journals the file's new size, so the
 * in-place sync is the cheaper one (notes, section 2).
 *
 * <p>Xodus still writes each commit to the OS at once, so a killed process loses nothing; after a
 * power loss or an OS crash, Xodus opens at its last commit that reached the disk, which may be older
 * than the last one the writer reported durable. Opening the store ({@link #open}) then replays every
 * change journaled since the last {@linkplain #checkpoint checkpoint}, in order. The changes are
 * physical, and the journal holds every change since the checkpoint, so whatever Xodus kept after it
 * is overwritten with the same keys or with their later state. A commit Xodus refused is taken back
 * from the journal ({@link #retractLast}).
 *
 * <p>A commit of {@link #DIRECT_BYTES} or more is not journaled: Xodus writes it and syncs itself, after a
 * checkpoint when the journal holds anything.
 *
 * <p>A checkpoint syncs Xodus ({@code flushAndSync}) and then clears the journal; the writer takes one
 * when the journal has grown past {@link #CHECKPOINT_BYTES}, and when it stops. Xodus itself syncs each
 * log file when it starts the next, so a checkpoint has at most the current file to sync.
 *
 * <p>Threads: the thread flushing, one at a time ({@link GroupCommitWriter}'s flush lock); {@link #open}
 * replays before the store's threads start.
 */
final class ChangeJournal implements AutoCloseable {

    static final String FILE_NAME = "changes.journal";
    /** A checkpoint's sync is cheap (Xodus syncs every full log file itself); this bounds replay at open. */
    static final long CHECKPOINT_BYTES = 4L << 20;
    /**
     * A commit this large is written once, by Xodus followed by a sync of its own, rather than twice: its
     * data dominates the cost, not the kind of sync. A checkpoint goes first ({@link #beforeCommit}).
     */
    static final int DIRECT_BYTES = 256 << 10;
    /** Growth in small steps: on a nearly full disk the journal should not take the space sends still need. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final InPlaceJournal records;
    private final EnvironmentImpl env;
    private final int replayed;
    /** Checkpoints taken since open (the one at open not counted). */
    private final LongAdder checkpoints;

    private ChangeJournal(Path file, Environment env, int replayed, LongAdder checkpoints) throws IOException {
        this.records = new InPlaceJournal(file, CHUNK_BYTES);
        this.checkpoints = checkpoints;
        this.env = (EnvironmentImpl) env; // flushAndSync is not on the Environment interface (notes, section 1)
        this.replayed = replayed;
    }

    /**
     * Replays what a previous run journaled in {@code directory} into {@code env}, syncs it, and opens
     * the journal for writing; its checkpoints from then on are counted in {@code checkpoints}.
     */
    static ChangeJournal open(Path directory, Environment env, XodusStores stores, LongAdder checkpoints) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        List<byte[]> left = InPlaceJournal.read(file);
        if (!left.isEmpty()) {
            env.executeInExclusiveTransaction(txn -> left.forEach(changes -> RecordedWrites.replay(changes, txn, stores)));
        }
        ChangeJournal journal = new ChangeJournal(file, env, left.size(), checkpoints);
        journal.syncAndClear(); // Xodus now holds the replayed changes durably; the first append drops them
        return journal;
    }

    /** How many records the previous run left, replayed at open. */
    int replayed() {
        return replayed;
    }

    /**
     * Before Xodus commits {@code changes} without a sync: journals them (returns true), or, for a commit
     * too large to write twice, takes a checkpoint if the journal holds anything, so that no change
     * journaled earlier can be replayed over that commit (returns false; {@link #afterCommit} syncs it).
     */
    boolean beforeCommit(RecordedWrites changes) throws IOException {
        if (changes.isEmpty()) {
            return false;
        }
        if (changes.tooLargeToJournal()) {
            if (records.position() > 0) {
                checkpoint();
            }
            return false;
        }
        append(changes.encoded());
        return true;
    }

    /** After Xodus committed {@code changes}: a commit too large to journal is made durable by syncing Xodus. */
    void afterCommit(RecordedWrites changes) {
        if (changes.tooLargeToJournal()) {
            env.flushAndSync();
        }
    }

    /** When the journal cannot grow (a full disk), a checkpoint empties it and the record goes at its start. */
    private void append(byte[] encoded) throws IOException {
        try {
            records.append(encoded);
        } catch (IOException e) {
            if (records.position() == 0) {
                throw e;
            }
            checkpoint();
            records.append(encoded);
        }
    }

    /** Takes back the record {@link #beforeCommit} just wrote: Xodus failed to commit it, and a replay must not bring it in. */
    void retractLast() throws IOException {
        records.retractLast();
    }

    /** Whether the journal has grown enough for a {@link #checkpoint}. */
    boolean wantsCheckpoint() {
        return records.position() >= CHECKPOINT_BYTES;
    }

    /**
     * Syncs Xodus, which then holds every journaled change durably, and clears the journal. Should the
     * clear be lost, opening the store replays changes Xodus already has, which changes nothing.
     */
    void checkpoint() throws IOException {
        syncAndClear();
        checkpoints.increment();
    }

    private void syncAndClear() throws IOException {
        env.flushAndSync();
        records.clear();
    }

    /** Bytes journaled since the last checkpoint (for tests). */
    long position() {
        return records.position();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
