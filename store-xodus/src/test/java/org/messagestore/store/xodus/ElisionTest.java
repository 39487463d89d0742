package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/** Issue 4, "Do not write what is already gone": an add and its removal in one flush never reach disk. */
class ElisionTest {

    @TempDir
    Path dir;

    @Test
    void aSendAcknowledgedInTheSameFlushWritesNeitherReferenceNorMessage() throws Exception {
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.AddDestination(TestMessages.ORDERS)));
            StoreStatistics stats = store.statistics();
            long putBefore = stats.keysPut();
            long flushesBefore = stats.flushes();

            // Hold the writer, so that the send and the ack queue up behind it and go into one flush.
            CompletableFuture<Void> send;
            CompletableFuture<Void> ack;
            try (HeldWriter held = HeldWriter.hold(store)) {
                send = store.apply(TestMessages.send(ORDERS_QUEUE, 1));
                ack = store.apply(TestMessages.ack(ORDERS_QUEUE, 1));
                assertThat(send).isNotDone();
            }
            CompletableFuture.allOf(send, ack).get(10, TimeUnit.SECONDS);
            assertThat(stats.elidedReferences()).isEqualTo(1);
            assertThat(stats.elidedMessages()).isEqualTo(1);
            // the gate's flush(es), then send+ack together, which write only the highest message id
            // (a retried gate rewrites its destination key)
            assertThat(stats.keysPut() - putBefore).isEqualTo(stats.flushes() - flushesBefore);
            assertThat(store.storedMessageCount()).isZero();
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(readAll(store, ORDERS_QUEUE, 10)).isEmpty();
            assertThat(store.recover().highestMessageId()).isEqualTo(1);
        }
    }

    @Test
    void aFanOutMessageIsKeptWhileAnotherPendingReferenceHoldsIt() {
        QueueId other = QueueId.ofQueue("other");
        try (XodusMessageStore store = open(dir)) {
            StoreStatistics stats = store.statistics();
            applyAndWait(store, List.of(new StoreOperation.AddMessage(1, TestMessages.text("x")),
                    new StoreOperation.AddReference(ORDERS_QUEUE, 1), new StoreOperation.AddReference(other, 1),
                    new StoreOperation.UpdateDeliveryCount(other, 1, 2),
                    new StoreOperation.RemoveReference(ORDERS_QUEUE, 1)));

            assertThat(stats.elidedReferences()).isEqualTo(1);
            assertThat(stats.elidedMessages()).isZero();
            assertThat(ids(readAll(store, other, 10))).containsExactly(1L);
            assertThat(readAll(store, other, 10).get(0).deliveryCount()).isEqualTo(2);
            assertThat(readAll(store, ORDERS_QUEUE, 10)).isEmpty();
            applyAndWait(store, TestMessages.ack(other, 1));
            assertThat(store.storedMessageCount()).isZero();
        }
    }

    @Test
    void manyProducersWithImmediateAcksLeaveNothingBehind() {
        try (XodusMessageStore store = open(dir)) {
            List<CompletableFuture<Void>> futures = new java.util.ArrayList<>();
            for (long id = 1; id <= 2000; id++) {
                // applied without waiting, as asynchronous senders and a busy broker do: the writer thread flushes them
                futures.add(HeldWriter.applyForWriter(store, TestMessages.send(ORDERS_QUEUE, id)));
                futures.add(HeldWriter.applyForWriter(store, TestMessages.ack(ORDERS_QUEUE, id)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
            assertThat(futures).allMatch(f -> !f.isCompletedExceptionally());
            assertThat(readAll(store, ORDERS_QUEUE, 100)).isEmpty();
            assertThat(store.storedMessageCount()).isZero();
            assertThat(store.statistics().elidedMessages()).isPositive();
        }
    }
}
