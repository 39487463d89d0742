package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoreOperation.UpdateDeliveryCount;
import org.messagestore.store.StoredReference;

/**
 * Xodus commits without a sync, so after a power loss it may open at any commit since the last
 * checkpoint. These tests put together such a directory: the Xodus log files as they were at an
 * earlier moment, beside the journals as they were when the last batch was reported durable.
 */
class ChangeJournalTest {

    private static final QueueId A = QueueId.ofQueue("a");
    private static final QueueId B = QueueId.ofSubscription("client", "b");

    @TempDir
    Path dir;
    @TempDir
    Path snapshots;

    @Test
    void whateverCommitXodusOpensAtTheJournalBringsBackEveryChangeReportedDurable() throws IOException {
        Path afterAll = snapshots.resolve("after-all");
        try (XodusMessageStore store = open(dir)) {
            copy(dir, snapshots.resolve("at-open"), ChangeJournalTest::isXodusLog);
            // a message in two queues: replaying operations instead of changes would count its references wrongly
            applyAndWait(store, List.of(new AddMessage(1, TestMessages.text("fan-out")), new AddReference(A, 1), new AddReference(B, 1),
                    new AddMessage(2, TestMessages.text("two")), new AddReference(A, 2)));
            copy(dir, snapshots.resolve("after-first"), ChangeJournalTest::isXodusLog);
            applyAndWait(store, List.of(new RemoveReference(A, 1), new AddMessage(3, TestMessages.text("three")), new AddReference(A, 3)));
            applyAndWait(store, List.of(new RemoveReference(B, 1), new UpdateDeliveryCount(A, 2, 4),
                    new AddMessage(4, TestMessages.text("four")), new AddReference(B, 4)));
            copy(dir, afterAll, path -> !path.getFileName().toString().equals("xd.lck"));
            assertThat(store.statistics().checkpoints()).isZero();
        }
        assertThat(InPlaceJournal.read(afterAll.resolve(ChangeJournal.FILE_NAME))).hasSize(3);

        for (String xodusAt : List.of("at-open", "after-first", "after-all")) {
            Path crashed = snapshots.resolve("crashed-" + xodusAt);
            copy(afterAll, crashed, path -> !isXodusLog(path));
            copy(snapshots.resolve(xodusAt), crashed, ChangeJournalTest::isXodusLog);
            try (XodusMessageStore store = open(crashed)) {
                List<StoredReference> a = readAll(store, A, 10);
                assertThat(ids(a)).as("queue a, Xodus as it was " + xodusAt).containsExactly(2L, 3L);
                assertThat(a.get(0).deliveryCount()).isEqualTo(4);
                assertThat(ids(readAll(store, B, 10))).as("queue b, Xodus as it was " + xodusAt).containsExactly(4L);
                assertThat(store.storedMessageCount()).as("message 1 is gone with its last reference").isEqualTo(3);
                assertThat(store.recover().highestMessageId()).isEqualTo(4);
            }
            assertThat(InPlaceJournal.read(crashed.resolve(ChangeJournal.FILE_NAME))).as("replayed, synced and cleared").isEmpty();
        }

        // without the journal, the oldest of those directories has lost everything: the replay did the work
        Path withoutJournal = snapshots.resolve("without-journal");
        copy(afterAll, withoutJournal, path -> !isXodusLog(path) && !path.getFileName().toString().equals(ChangeJournal.FILE_NAME));
        copy(snapshots.resolve("at-open"), withoutJournal, ChangeJournalTest::isXodusLog);
        try (XodusMessageStore store = open(withoutJournal)) {
            assertThat(readAll(store, A, 10)).isEmpty();
        }
    }

    @Test
    void aGrowingJournalIsCheckpointedAndStartsAgainFromItsBeginning() throws IOException {
        try (XodusMessageStore store = open(dir)) {
            long id = 0;
            while (store.statistics().checkpoints() == 0) {
                id++;
                applyAndWait(store, List.of(new AddMessage(id, TestMessages.sized(64 << 10)), new AddReference(A, id)));
            }
            assertThat(id * (64 << 10)).isGreaterThanOrEqualTo(ChangeJournal.CHECKPOINT_BYTES);
            applyAndWait(store, TestMessages.send(A, id + 1));
            assertThat(Files.exists(dir.resolve(ChangeJournal.FILE_NAME))).isTrue();
            assertThat(InPlaceJournal.read(dir.resolve(ChangeJournal.FILE_NAME))).hasSize(1);
            assertThat(readAll(store, A, 100)).hasSize((int) id + 1);
        }
    }

    @Test
    void aLargeCommitIsSyncedByXodusAfterACheckpointInsteadOfJournaled() throws IOException {
        Path afterLarge = snapshots.resolve("after-large");
        Path afterAll = snapshots.resolve("after-all");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, TestMessages.send(A, 1));
            applyAndWait(store, List.of(new RemoveReference(A, 1), new AddMessage(2, TestMessages.sized(ChangeJournal.DIRECT_BYTES)),
                    new AddReference(A, 2)));
            assertThat(store.statistics().checkpoints()).isEqualTo(1);
            assertThat(InPlaceJournal.read(dir.resolve(ChangeJournal.FILE_NAME))).isEmpty();
            copy(dir, afterLarge, ChangeJournalTest::isXodusLog);
            applyAndWait(store, TestMessages.send(A, 3));
            copy(dir, afterAll, path -> !path.getFileName().toString().equals("xd.lck"));
        }
        // Xodus synced the large commit, so after a power loss it opens at it or later
        Path crashed = snapshots.resolve("crashed");
        copy(afterAll, crashed, path -> !isXodusLog(path));
        copy(afterLarge, crashed, ChangeJournalTest::isXodusLog);
        try (XodusMessageStore store = open(crashed)) {
            assertThat(ids(readAll(store, A, 10))).containsExactly(2L, 3L);
            assertThat(store.storedMessageCount()).isEqualTo(2);
        }
    }

    @Test
    void largeCommitsInARowTakeNoCheckpointWhileTheJournalIsEmpty() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 3; id++) {
                applyAndWait(store, List.of(new AddMessage(id, TestMessages.sized(ChangeJournal.DIRECT_BYTES)), new AddReference(A, id)));
            }
            assertThat(store.statistics().checkpoints()).isZero();
            applyAndWait(store, TestMessages.send(A, 4));
            applyAndWait(store, List.of(new AddMessage(5, TestMessages.sized(ChangeJournal.DIRECT_BYTES)), new AddReference(A, 5)));
            assertThat(store.statistics().checkpoints()).as("the journaled send is synced into Xodus first").isEqualTo(1);
            assertThat(ids(readAll(store, A, 10))).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aRecordTakenBackIsNotReadAndTheNextOneTakesItsPlace() throws IOException {
        Path file = dir.resolve("journal");
        try (InPlaceJournal journal = new InPlaceJournal(file, 1 << 20)) {
            journal.append(new byte[] {1});
            long afterFirst = journal.position();
            journal.append(new byte[] {2, 2});
            journal.retractLast(); // Xodus failed to commit it
            assertThat(journal.position()).isEqualTo(afterFirst);
            assertThat(InPlaceJournal.read(file)).containsExactly(new byte[] {1});
            journal.append(new byte[] {3});
        }
        assertThat(InPlaceJournal.read(file)).containsExactly(new byte[] {1}, new byte[] {3});
    }

    private static boolean isXodusLog(Path path) {
        return path.getFileName().toString().endsWith(".xd");
    }

    private static void copy(Path from, Path to, Predicate<Path> which) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(Files::isRegularFile).filter(which).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
