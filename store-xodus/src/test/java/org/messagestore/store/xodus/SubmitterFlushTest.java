package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.QueueId;

/**
 * A batch submitted to an idle writer is flushed by the submitting thread when that thread may wait
 * for the disk, and by the writer thread when it serves others; batches submitted meanwhile queue for
 * the writer thread and keep their order.
 */
class SubmitterFlushTest {

    private static final QueueId QUEUE = QueueId.ofQueue("orders");

    @TempDir
    Path dir;

    @Test
    void anIdleStoreFlushesABatchOnTheThreadThatSubmitsIt() {
        try (XodusMessageStore store = open(dir)) {
            CompletableFuture<Void> sent = store.apply(TestMessages.send(QUEUE, 1));

            assertThat(sent).as("durable when apply returns").isCompleted();
            assertThat(store.statistics().flushesBySubmitters()).isEqualTo(1);
        }
        try (XodusMessageStore reopened = open(dir)) {
            assertThat(ids(readAll(reopened, QUEUE, 10))).containsExactly(1L);
        }
    }

    @Test
    void aThreadThatServesOthersLeavesTheFlushToTheWriterThread() throws Exception {
        try (XodusMessageStore store = open(dir)) {
            HeldWriter.applyForWriter(store, TestMessages.send(QUEUE, 1)).get(10, TimeUnit.SECONDS);

            assertThat(store.statistics().flushesBySubmitters()).isZero();
            assertThat(store.statistics().flushes()).isEqualTo(1);
            assertThat(ids(readAll(store, QUEUE, 10))).containsExactly(1L);
        }
    }

    @Test
    void batchesSubmittedWhileTheWriterThreadIsBusyQueueBehindItInOrder() throws Exception {
        try (XodusMessageStore store = open(dir)) {
            CompletableFuture<Void> second;
            CompletableFuture<Void> third;
            try (HeldWriter held = HeldWriter.hold(store)) {
                second = store.apply(TestMessages.send(QUEUE, 2));
                third = store.apply(TestMessages.send(QUEUE, 3));
                assertThat(second).as("queued, not flushed past the writer's batch").isNotDone();
            }
            CompletableFuture.allOf(second, third).get(10, TimeUnit.SECONDS);
            assertThat(store.statistics().flushesBySubmitters()).as("%s", store.statistics()).isZero();

            store.apply(TestMessages.send(QUEUE, 4)).get(10, TimeUnit.SECONDS);
            assertThat(ids(readAll(store, QUEUE, 10))).containsExactly(2L, 3L, 4L);
        }
    }
}
