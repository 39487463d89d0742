package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.memory.InMemoryStore;

/**
 * An operator's purge or move of a backlog far larger than the paging window holds only a window of
 * references in memory and writes bounded store batches, whatever the backlog (DESIGN.md: "the broker
 * holds a bounded window of each queue in memory, never the whole queue").
 */
class QueueOperationsMemoryTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final int WINDOW = 1_000;
    private static final int BACKLOG = 100_000;

    /** Remembers the largest batch applied. */
    private static final class BatchRecordingStore extends ForwardingMessageStore {

        final AtomicInteger largestBatch = new AtomicInteger();

        BatchRecordingStore(InMemoryStore delegate) {
            super(delegate);
        }

        @Override
        public CompletableFuture<Void> apply(List<StoreOperation> operations) {
            largestBatch.accumulateAndGet(operations.size(), Math::max);
            return delegate.apply(operations);
        }

        @Override
        public String description() {
            return "batch-recording " + delegate.description();
        }

        @Override
        public void close() {
        }
    }

    private final InMemoryStore memoryStore = new InMemoryStore();
    private final BatchRecordingStore store = new BatchRecordingStore(memoryStore);

    @AfterEach
    void closeStore() {
        memoryStore.close();
    }

    /** Sends the backlog in transactions of a thousand, so that sending takes little of the test's time. */
    private static void sendBacklog(BrokerConnection c) throws Exception {
        for (int i = 0; i < BACKLOG; i++) {
            c.send(2, Messages.text(ORDERS, "m-" + i)).get();
            if (i % 1_000 == 999) {
                c.commit(2);
            }
        }
        c.commit(2);
    }

    /** The progress reports rise to {@code total} in steps of at most one batch. */
    private static void assertBoundedSteps(List<Long> progress, long total) {
        long previous = 0;
        for (long running : progress) {
            assertThat(running - previous).isBetween(1L, (long) OperatorSweep.BATCH);
            previous = running;
        }
        assertThat(previous).isEqualTo(total);
    }

    @Test
    void purgingAndMovingAHundredThousandMessagesStaysWithinThePagingWindow() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.defaults(BrokerFixture.uniqueName()).withStore(store)
                .withPagingWindow(WINDOW).withQueues("orders", "archive"))) {
            BrokerConnection c = broker.connect(null, null, null);
            c.createSession(2, true);
            sendBacklog(c);
            store.largestBatch.set(0);

            List<Long> purgeProgress = new ArrayList<>();
            assertThat(broker.queueOperations().purge("orders", null, null, purgeProgress::add)).isEqualTo(BACKLOG);

            assertBoundedSteps(purgeProgress, BACKLOG);
            assertThat(store.largestBatch.get()).isLessThanOrEqualTo(OperatorSweep.BATCH);
            assertThat(broker.queue("orders").peakResident()).isLessThanOrEqualTo(WINDOW);
            assertThat(broker.statistics("orders", null).orElseThrow().depth()).isZero();
            assertThat(memoryStore.storedMessageCount()).isZero();

            sendBacklog(c);
            store.largestBatch.set(0);
            List<Long> moveProgress = new ArrayList<>();
            assertThat(broker.queueOperations().move("orders", null, null, "archive", moveProgress::add)).isEqualTo(BACKLOG);

            assertBoundedSteps(moveProgress, BACKLOG);
            // Per message: its removal from orders, the copy's body and its reference in archive.
            assertThat(store.largestBatch.get()).isLessThanOrEqualTo(3 * OperatorSweep.BATCH);
            assertThat(broker.queue("orders").peakResident()).isLessThanOrEqualTo(WINDOW);
            assertThat(broker.queue("archive").peakResident()).isLessThanOrEqualTo(WINDOW);
            assertThat(broker.statistics("orders", null).orElseThrow().depth()).isZero();
            assertThat(broker.statistics("archive", null).orElseThrow().depth()).isEqualTo(BACKLOG);
            assertThat(memoryStore.storedMessageCount()).isEqualTo(BACKLOG);
        }
    }
}
