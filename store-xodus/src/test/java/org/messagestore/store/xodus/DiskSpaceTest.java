package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.model.MessageData;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;

/** Large messages, the recorded log file size, and reclaiming space after a drain. */
class DiskSpaceTest {

    @TempDir
    Path dir;

    @Test
    void aMessageLargerThanALogFileIsStoredInChunksAndDeletedWhole() throws IOException {
        MessageData big = TestMessages.sized(5 * 1024 * 1024 + 17); // Xodus alone fails values above one 2 MB log file
        try (XodusMessageStore store = XodusMessageStore.open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.AddMessage(1, big), new StoreOperation.AddReference(ORDERS_QUEUE, 1)));
        }
        try (XodusMessageStore store = XodusMessageStore.open(dir)) {
            List<StoredReference> refs = readAll(store, ORDERS_QUEUE, 10);
            assertThat(refs).hasSize(1);
            assertThat(refs.get(0).message().body()).isEqualTo(big.body());
            applyAndWait(store, TestMessages.ack(ORDERS_QUEUE, 1));
            assertThat(store.storedMessageCount()).isZero();
            assertThat(chunkCount(store)).isZero();
        }
    }

    @Test
    void aDirectoryKeepsTheLogFileSizeItWasCreatedWith() throws IOException {
        XodusStoreSettings small = XodusStoreSettings.defaults().withLogFileSizeKb(512);
        try (XodusMessageStore store = XodusMessageStore.open(dir, small)) {
            for (long id = 1; id <= 20; id++) {
                applyAndWait(store, List.of(new StoreOperation.AddMessage(id, TestMessages.sized(100_000)),
                        new StoreOperation.AddReference(ORDERS_QUEUE, id)));
            }
        }
        try (XodusMessageStore store = XodusMessageStore.open(dir)) { // defaults say 2048 KiB
            assertThat(readAll(store, ORDERS_QUEUE, 50)).hasSize(20);
        }
        assertThat(Files.readString(dir.resolve(LogFileSizeRecord.FILE_NAME))).contains("xodus.logFileSizeKb=512");
    }

    @Test
    void spaceIsReclaimedAfterABacklogIsDrainedAndWritesStop() throws IOException {
        XodusStoreSettings settings = new XodusStoreSettings(16 << 20, 512, 10_000, 8 << 20, 200, 8L << 20);
        try (XodusMessageStore store = XodusMessageStore.open(dir, settings)) {
            List<Long> sent = new ArrayList<>();
            for (long id = 1; id <= 200; id++) {
                applyAndWait(store, List.of(new StoreOperation.AddMessage(id, TestMessages.sized(100_000)),
                        new StoreOperation.AddReference(ORDERS_QUEUE, id)));
                sent.add(id);
            }
            long full = logBytes();
            assertThat(full).isGreaterThan(15L << 20);
            List<StoreOperation> drain = new ArrayList<>();
            sent.forEach(id -> drain.add(new StoreOperation.RemoveReference(ORDERS_QUEUE, id)));
            applyAndWait(store, drain);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> logBytes() < full / 4);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).isEmpty();
        }
    }

    private long logBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xd")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by Xodus GC while listing
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long chunkCount(XodusMessageStore store) {
        return StoreTesting.countChunks(store);
    }
}
