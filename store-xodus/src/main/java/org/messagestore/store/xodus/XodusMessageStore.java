package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentStatistics;
import jetbrains.exodus.management.Statistics;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoreMetrics;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageStore} kept in one JetBrains Xodus environment per data directory (key layout in
 * package-info). Writes are group-committed by {@link GroupCommitWriter} and made durable by its
 * {@link ChangeJournal}; a batch that only removes
 * references (acknowledgements) is made durable by the {@link AcknowledgementWriter}'s journal instead,
 * and reaches Xodus later. Reads run on {@link StoreReader}'s thread. No application thread ever calls
 * into Xodus.
 *
 * <p>Threads: every method may be called from any thread. The store owns four threads,
 * {@code messagestore-store-writer-<dir>}, {@code messagestore-store-acks-<dir>},
 * {@code messagestore-store-reader-<dir>} and Xodus's garbage collector
 * {@code messagestore-store-cleaner-<dir>} ({@link CleanerThread}), all stopped by {@link #close}.
 */
public final class XodusMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(XodusMessageStore.class);

    private final String description;
    private final Environment env;
    private final XodusStores stores;
    private final DiskSpaceReserve diskSpace;
    private final StoreStatistics statistics;
    private final StoreReader reader;
    private final GroupCommitWriter writer;
    private final JournaledRemovals journaled;
    private final AcknowledgementJournal journal;
    private final ChangeJournal changes;
    private final AcknowledgementWriter acknowledgements;
    private final Object closeLock = new Object();
    private boolean closed;

    private XodusMessageStore(Path directory, Environment env, XodusStores stores, XodusStoreSettings settings,
                              DiskSpaceReserve diskSpace, StoreStatistics statistics, ChangeJournal changes,
                              AcknowledgementJournal journal, List<StoreOperation> journaledBefore) {
        this.description = describe(directory);
        this.env = env;
        this.stores = stores;
        String suffix = directory.getFileName() == null ? directory.toString() : directory.getFileName().toString();
        CleanerThread.rename(env, suffix);
        this.reader = new StoreReader(env, suffix, description);
        long highest = reader.read(txn -> RecoveryReader.highestMessageId(stores, txn));
        long sequenceFloor = reader.read(txn -> QueueDirectory.firstFreeSequence(stores, txn));
        this.journal = journal;
        this.statistics = statistics;
        this.changes = changes;
        this.journaled = new JournaledRemovals(journaledBefore);
        this.diskSpace = diskSpace;
        this.writer = new GroupCommitWriter(env, stores, statistics, settings, diskSpace, journaled, changes, suffix,
                description, highest, sequenceFloor);
        if (!journaledBefore.isEmpty()) {
            // Acknowledgements a crash left in the journal go into Xodus before anyone reads the store.
            LOG.info("{}: applying {} acknowledgement(s) left in the acknowledgement journal", description,
                    journaledBefore.size());
            applyJournaled(); // the acknowledgement writer then clears the journal
        }
        this.acknowledgements = new AcknowledgementWriter(journal, journaled, writer, statistics, suffix, description);
    }

    /**
     * Waits until the writer has applied every journaled removal to Xodus: an empty batch is a flush
     * of its own, and every flush applies the removals it may.
     */
    private void applyJournaled() {
        EncodedBatch barrier = new EncodedBatch(List.of());
        writer.queue(barrier);
        barrier.future().join();
    }

    /** Opens (creating when absent) the store in {@code directory} with the default settings. */
    public static XodusMessageStore open(Path directory) throws IOException {
        return open(directory, XodusStoreSettings.defaults());
    }

    public static XodusMessageStore open(Path directory, XodusStoreSettings settings) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Environment env = EnvironmentOpener.open(dir, settings);
        try {
            XodusStores stores = XodusStores.open(env);
            EnvironmentOpener.checkLayout(env, stores, dir);
            StoreStatistics statistics = new StoreStatistics();
            ChangeJournal changes = ChangeJournal.open(dir, env, stores, statistics.checkpoints);
            if (changes.replayed() > 0) {
                LOG.info("{}: replayed {} commit(s) journaled since the last checkpoint", describe(dir), changes.replayed());
            }
            XodusMessageStore store;
            try {
                DiskSpaceReserve diskSpace = DiskSpaceReserve.open(dir, settings.diskReserveBytes(), describe(dir));
                List<StoreOperation> journaledBefore = AcknowledgementJournal.read(dir);
                store = new XodusMessageStore(dir, env, stores, settings, diskSpace, statistics, changes,
                        AcknowledgementJournal.open(dir), journaledBefore);
            } catch (IOException | RuntimeException e) {
                changes.close();
                throw e;
            }
            LOG.info("opened {} ({} MiB log cache, {} KiB log files)", store.description, settings.logCacheBytes() >> 20, settings.logFileSizeKb());
            return store;
        } catch (IOException | RuntimeException e) {
            env.close();
            throw e;
        }
    }

    @Override
    public RecoveredState recover() {
        return reader.read(txn -> RecoveryReader.read(stores, txn));
    }

    @Override
    public ReferenceCursor openCursor(QueueId queue, long afterPosition) {
        return XodusReferenceCursor.open(reader, stores, journaled, queue, afterPosition);
    }

    @Override
    public long countReferences(QueueId queue) {
        return XodusReferenceCursor.count(reader, stores, journaled, queue);
    }

    @Override
    public ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(after, "after");
        Set<JournaledRemovals.Key> skipped = journaled.skipped();
        return reader.read(txn -> new ScheduleIndexReader(txn, stores, skipped).read(index, queue, after, upTo, max));
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        EncodedBatch batch;
        try {
            batch = new EncodedBatch(operations);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (AcknowledgementJournal.journals(operations) && !writer.addsAnyOf(operations)) {
            acknowledgements.submit(batch);
        } else {
            writer.submit(batch);
        }
        return batch.future();
    }

    @Override
    public boolean survivesRestart() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    @SuppressWarnings("unchecked") // Xodus's Environment.getStatistics() is raw; it holds EnvironmentStatistics.Type items
    public Optional<StoreMetrics> metrics() {
        return Optional.of(statistics.metrics((Statistics<EnvironmentStatistics.Type>) env.getStatistics(), diskSpace.low()));
    }

    /** What the writer has done so far; for tests and the benchmark. */
    StoreStatistics statistics() {
        return statistics;
    }

    // ---- for tests: what Xodus holds once the journaled acknowledgements are applied

    /** How many message bodies are stored (each once, however many queues reference it). */
    long storedMessageCount() {
        applyJournaled();
        return reader.read(txn -> stores.messages().count(txn));
    }

    /** How many chunks of large messages are stored. */
    long storedChunkCount() {
        applyJournaled();
        return reader.read(txn -> stores.messageChunks().count(txn));
    }

    /**
     * Closes the journals: the acknowledgement journal is cleared when the writer applied everything
     * in it, the change journal was cleared by the writer's last checkpoint.
     */
    private void closeJournals() {
        try {
            if (journaled.isEmpty()) {
                journal.clear();
            }
            journal.close();
            changes.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the journals failed: {}", description, e.toString());
        }
    }

    private static String describe(Path directory) {
        return "xodus store at " + directory;
    }

    /** How many entries the two schedule indexes hold, over all queues. */
    long scheduleEntryCount() {
        applyJournaled();
        return reader.read(txn -> stores.deliverySchedule().count(txn) + stores.expirySchedule().count(txn));
    }

    /** Completes queued batches, stops the writer and reader threads, then closes Xodus (releasing its lock). */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        acknowledgements.close(); // first: a batch it could not journal goes to the writer
        writer.close();
        closeJournals();
        reader.close();
        env.close();
        LOG.info("closed {} ({})", description, statistics);
    }
}
