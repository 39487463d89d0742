package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;

class RestartRecoveryTest {

    private static final QueueId FIRST = QueueId.ofQueue("first");
    private static final QueueId SECOND = QueueId.ofQueue("second");

    @TempDir
    Path dir;

    @Test
    void appendsAfterARestartContinueEachQueuesOrderWithoutOverwriting() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 6; id++) {
                applyAndWait(store, TestMessages.send(id % 2 == 0 ? SECOND : FIRST, id));
            }
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(store.recover().highestMessageId()).isEqualTo(6);
            // first is not the highest-numbered queue: its last sequence is found by seeking past it
            applyAndWait(store, TestMessages.send(FIRST, 7));
            applyAndWait(store, TestMessages.send(SECOND, 8));
            applyAndWait(store, List.of(new StoreOperation.UpdateDeliveryCount(FIRST, 3, 4)));
        }
        try (XodusMessageStore store = open(dir)) {
            List<StoredReference> first = readAll(store, FIRST, 2);
            assertThat(ids(first)).containsExactly(1L, 3L, 5L, 7L);
            assertThat(first.get(1).deliveryCount()).isEqualTo(4);
            assertThat(ids(readAll(store, SECOND, 2))).containsExactly(2L, 4L, 6L, 8L);
            assertThat(store.storedMessageCount()).isEqualTo(8);
        }
    }

    @Test
    void aCursorReturnsWhatWasStoredWhenItOpenedAndSkipsWhatIsRemovedMeanwhile() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 4; id++) {
                applyAndWait(store, TestMessages.send(FIRST, id));
            }
            List<Long> seen = new ArrayList<>();
            try (ReferenceCursor cursor = store.openCursor(FIRST, MessageStore.FROM_START)) {
                seen.addAll(ids(cursor.next(1)));
                applyAndWait(store, TestMessages.ack(FIRST, 2));
                applyAndWait(store, TestMessages.send(FIRST, 5));
                for (List<StoredReference> page = cursor.next(10); !page.isEmpty(); page = cursor.next(10)) {
                    seen.addAll(ids(page));
                }
            }
            assertThat(seen).containsExactly(1L, 3L, 4L);
        }
    }

    @Test
    void closeStopsTheStoresThreads() {
        XodusMessageStore store = open(dir);
        applyAndWait(store, TestMessages.send(FIRST, 1));
        assertThat(storeThreads()).isNotEmpty();

        store.close();

        assertThat(storeThreads()).isEmpty();
    }

    private List<String> storeThreads() {
        String suffix = dir.getFileName().toString();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("messagestore-store-") && name.endsWith(suffix))
                .toList();
    }

    @Test
    void aFreshCursorResumesAfterTheLastPositionAndPositionsAreNeverReused() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 3; id++) {
                applyAndWait(store, TestMessages.send(FIRST, id));
            }
        }
        // Reopened, the writer knows nothing of the queue's sequences; once it is emptied, the stored
        // references no longer say which positions were handed out.
        try (XodusMessageStore store = open(dir)) {
            long last;
            try (ReferenceCursor cursor = store.openCursor(FIRST, MessageStore.FROM_START)) {
                List<StoredReference> page = cursor.next(3);
                assertThat(ids(page)).containsExactly(1L, 2L, 3L);
                last = page.get(2).position();
            }
            for (long id = 1; id <= 3; id++) {
                applyAndWait(store, TestMessages.ack(FIRST, id));
            }
            applyAndWait(store, TestMessages.send(FIRST, 4));
            try (ReferenceCursor cursor = store.openCursor(FIRST, last)) {
                List<StoredReference> page = cursor.next(10);
                assertThat(ids(page)).containsExactly(4L);
                assertThat(page.get(0).position()).isGreaterThan(last);
            }
        }
    }
}
