package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.RemoveReference;

/**
 * Acknowledgements go to the {@link AcknowledgementJournal} (one small synced append) and reach Xodus
 * later; readers never see an acknowledged reference, and a crash before Xodus has them loses nothing.
 */
class AcknowledgementJournalTest {

    @TempDir
    Path dir;

    @Test
    void recordsReadBackInOrderAndATornTailIsIgnored() throws IOException {
        long end;
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 1), new RemoveReference(ORDERS_QUEUE, 2)));
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 3)));
            end = journal.position();
        }
        Path file = dir.resolve(AcknowledgementJournal.FILE_NAME);
        assertThat(Files.size(file)).isEqualTo(AcknowledgementJournal.CHUNK_BYTES); // written in place
        // A record being written when the process died: its header promises more than is there.
        overwrite(file, end, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 3, 9, 9});

        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 1),
                new RemoveReference(ORDERS_QUEUE, 2), new RemoveReference(ORDERS_QUEUE, 3));

        // A record whose bytes were not all written before the crash fails its checksum.
        overwrite(file, end - 1, new byte[] {0x55});
        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 1),
                new RemoveReference(ORDERS_QUEUE, 2));
    }

    @Test
    void recordsWrittenBeforeAClearAreNotReadBehindLaterOnes() throws IOException {
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            for (long id = 1; id <= 5; id++) {
                journal.append(List.of(new RemoveReference(ORDERS_QUEUE, id)));
            }
            journal.clear();
            assertThat(AcknowledgementJournal.read(dir)).isEmpty();

            // Same size as the records they overwrite, so the stale ones line up behind them.
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 6)));
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 7)));
        }
        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 6),
                new RemoveReference(ORDERS_QUEUE, 7));
    }

    @Test
    void aWriteFromAnInterruptedThreadIsRepeatedAndTheThreadStaysInterrupted() throws IOException {
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 1)));
            Thread.currentThread().interrupt(); // closes a FileChannel at its next write
            try {
                journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 2)));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 3)));
        }
        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 1),
                new RemoveReference(ORDERS_QUEUE, 2), new RemoveReference(ORDERS_QUEUE, 3));
    }

    @Test
    void aJournalLargerThanOneChunkGrowsAndReadsBackWhole() throws IOException {
        int records = 0;
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            List<StoreOperation> removals = new java.util.ArrayList<>();
            for (long id = 1; id <= 2_000; id++) {
                removals.add(new RemoveReference(ORDERS_QUEUE, id));
            }
            while (journal.position() <= AcknowledgementJournal.CHUNK_BYTES) {
                journal.append(removals);
                records++;
            }
        }
        assertThat(Files.size(dir.resolve(AcknowledgementJournal.FILE_NAME))).isEqualTo(2L * AcknowledgementJournal.CHUNK_BYTES);
        assertThat(AcknowledgementJournal.read(dir)).hasSize(records * 2_000);
    }

    @Test
    void anAcknowledgementIsJournaledAndReadersNoLongerSeeItsReference() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 3; id++) {
                applyAndWait(store, TestMessages.send(ORDERS_QUEUE, id));
            }
            applyAndWait(store, TestMessages.ack(ORDERS_QUEUE, 2));

            assertThat(store.statistics().journaledBatches()).isEqualTo(1);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(1L, 3L);
            assertThat(store.storedMessageCount()).isEqualTo(2); // applied to Xodus
            await().atMost(Duration.ofSeconds(10)).until(() -> AcknowledgementJournal.read(dir).isEmpty()); // then cleared
        }
    }

    @Test
    void acknowledgementsLeftInTheJournalByACrashAreAppliedWhenTheStoreOpens() throws IOException {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 4; id++) {
                applyAndWait(store, TestMessages.send(ORDERS_QUEUE, id));
            }
        }
        // As a crash leaves it: the journal holds acknowledgements Xodus never received.
        List<StoreOperation> acknowledged = List.of(new RemoveReference(ORDERS_QUEUE, 1), new RemoveReference(ORDERS_QUEUE, 3));
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            journal.append(acknowledged);
        }

        try (XodusMessageStore store = open(dir)) {
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(2L, 4L);
            assertThat(store.storedMessageCount()).isEqualTo(2);
        }
        assertThat(AcknowledgementJournal.read(dir)).isEmpty();
        try (XodusMessageStore store = open(dir)) {
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(2L, 4L);
        }
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }
}
