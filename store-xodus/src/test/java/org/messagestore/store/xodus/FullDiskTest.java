package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import jakarta.jms.ResourceAllocationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.StoreOperation;

/**
 * Issue 4, item 10: a full disk fails sends with ResourceAllocationException and loses nothing
 * committed. Needs a small tmpfs, so it runs only as root (where mount works), skipped otherwise.
 */
class FullDiskTest {

    /** Small enough for a 5 MB disk: sends are refused once less than this is left. */
    private static final XodusStoreSettings SETTINGS = XodusStoreSettings.defaults().withDiskReserveBytes(512 * 1024);

    @TempDir
    Path dir;
    private SmallDisk disk;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        disk = SmallDisk.mount(dir, "5m");
        mount = disk.root();
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskFailsTheSendWithResourceAllocationAndLosesNothingCommitted() throws Exception {
        Path data = mount.resolve("data");
        Path filler = Files.write(mount.resolve("filler"), new byte[1 << 20]);
        List<Long> committed = new ArrayList<>();
        Throwable failure = null;
        try (XodusMessageStore store = XodusMessageStore.open(data, SETTINGS)) {
            for (long id = 1; id <= 100_000 && failure == null; id++) {
                List<StoreOperation> send = List.of(new StoreOperation.AddMessage(id, TestMessages.sized(16 * 1024)),
                        new StoreOperation.AddReference(ORDERS_QUEUE, id));
                try {
                    store.apply(send).join();
                    committed.add(id);
                } catch (CompletionException e) {
                    failure = e.getCause();
                }
            }
            assertThat(failure).isInstanceOf(ResourceAllocationException.class).hasMessageContaining(data.toString());
            assertThat(committed).isNotEmpty();
            // consumers are still served from what is committed
            assertThat(ids(readAll(store, ORDERS_QUEUE, 100))).containsExactlyElementsOf(committed);
            // as a crash now would leave it: the failed send's changes, journaled before Xodus refused them, are not replayed
            copyTree(data, dir.resolve("at-failure"));

            // once space is freed, later sends succeed again: the environment survived the failure
            Files.delete(filler);
            long next = committed.get(committed.size() - 1) + 1000;
            store.apply(List.of(new StoreOperation.AddMessage(next, TestMessages.sized(1024)),
                    new StoreOperation.AddReference(ORDERS_QUEUE, next))).get(30, TimeUnit.SECONDS);
            committed.add(next);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 100))).containsExactlyElementsOf(committed);
        }
        try (XodusMessageStore store = XodusMessageStore.open(dir.resolve("at-failure"), SETTINGS)) {
            assertThat(ids(readAll(store, ORDERS_QUEUE, 100))).containsExactlyElementsOf(committed.subList(0, committed.size() - 1));
        }
        Path copy = dir.resolve("copy");
        copyTree(data, copy);
        try (XodusMessageStore store = XodusMessageStore.open(copy, SETTINGS)) {
            assertThat(ids(readAll(store, ORDERS_QUEUE, 100))).containsExactlyElementsOf(committed);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("xd.lck")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
