package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.StoreOperation;

/** CONVENTIONS.md: every thread a store starts is named messagestore-..., and close() stops it. */
class StoreThreadsTest {

    @TempDir
    Path dir;

    @Test
    void everyThreadOfAStoreIsNamedForItAndStopsWithIt() throws IOException {
        Path data = dir.resolve("threads-" + System.nanoTime());
        String suffix = data.getFileName().toString();
        XodusStoreSettings settings = new XodusStoreSettings(16 << 20, 512, 10_000, 8 << 20, 100, 1 << 20);
        try (XodusMessageStore store = XodusMessageStore.open(data, settings)) {
            List<StoreOperation> drain = new ArrayList<>();
            for (long id = 1; id <= 30; id++) {
                applyAndWait(store, List.of(new StoreOperation.AddMessage(id, TestMessages.sized(100_000)),
                        new StoreOperation.AddReference(ORDERS_QUEUE, id)));
                drain.add(new StoreOperation.RemoveReference(ORDERS_QUEUE, id));
            }
            applyAndWait(store, drain);
            assertThat(threadsMentioning(suffix)).containsExactlyInAnyOrder("messagestore-store-writer-" + suffix,
                    "messagestore-store-acks-" + suffix,
                    "messagestore-store-reader-" + suffix, "messagestore-store-cleaner-" + suffix);
        }
        assertThat(threadsMentioning(suffix)).isEmpty();
    }

    /** Live threads whose name contains the data directory's name (Xodus would name its cleaner by the path). */
    private static List<String> threadsMentioning(String suffix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(suffix)).toList();
    }
}
