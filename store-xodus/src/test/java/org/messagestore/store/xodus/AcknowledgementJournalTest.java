package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.io.IOException;
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
        try (AcknowledgementJournal journal = AcknowledgementJournal.open(dir)) {
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 1), new RemoveReference(ORDERS_QUEUE, 2)));
            journal.append(List.of(new RemoveReference(ORDERS_QUEUE, 3)));
        }
        Path file = dir.resolve(AcknowledgementJournal.FILE_NAME);
        long whole = Files.size(file);
        // A record being written when the process died: its header promises more than is there.
        Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);

        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 1),
                new RemoveReference(ORDERS_QUEUE, 2), new RemoveReference(ORDERS_QUEUE, 3));

        // A record whose bytes were not all written before the crash fails its checksum.
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) whole - 1] ^= 0x55;
        Files.write(file, bytes);
        assertThat(AcknowledgementJournal.read(dir)).containsExactly(new RemoveReference(ORDERS_QUEUE, 1),
                new RemoveReference(ORDERS_QUEUE, 2));
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
            Path journal = dir.resolve(AcknowledgementJournal.FILE_NAME);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(journal) == 0); // then emptied
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
        assertThat(dir.resolve(AcknowledgementJournal.FILE_NAME)).isEmptyFile();
        try (XodusMessageStore store = open(dir)) {
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(2L, 4L);
        }
    }
}
