package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.QueueId;

class GroupCommitTest {

    private static final int THREADS = 16;
    private static final int BATCHES_PER_THREAD = 200;

    @TempDir
    Path dir;

    @Test
    void sixteenProducersShareCommitsAndEachSeesItsFuturesCompleteInOrder() throws Exception {
        try (XodusMessageStore store = open(dir)) {
            List<List<Integer>> completionOrder = new ArrayList<>();
            List<List<CompletableFuture<Void>>> futures = new ArrayList<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                List<Integer> order = Collections.synchronizedList(new ArrayList<>());
                List<CompletableFuture<Void>> mine = Collections.synchronizedList(new ArrayList<>());
                completionOrder.add(order);
                futures.add(mine);
                Thread producer = new Thread(() -> {
                    try {
                        start.await();
                        QueueId queue = QueueId.ofQueue("q" + thread);
                        for (int i = 0; i < BATCHES_PER_THREAD; i++) {
                            int seq = i;
                            long id = (long) thread * BATCHES_PER_THREAD + i + 1;
                            mine.add(store.apply(TestMessages.send(queue, id)).whenComplete((ok, failure) -> {
                                if (failure != null) {
                                    failures.add(failure);
                                }
                                order.add(seq);
                            }));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "test-producer-" + t);
                producers.add(producer);
                producer.start();
            }
            start.countDown();
            for (Thread producer : producers) {
                producer.join();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> futures.stream().flatMap(List::stream).allMatch(CompletableFuture::isDone));

            assertThat(failures).isEmpty();
            List<Integer> expected = java.util.stream.IntStream.range(0, BATCHES_PER_THREAD).boxed().toList();
            for (List<Integer> order : completionOrder) {
                assertThat(order).containsExactlyElementsOf(expected);
            }
            StoreStatistics stats = store.statistics();
            assertThat(stats.batchesCommitted()).isEqualTo((long) THREADS * BATCHES_PER_THREAD);
            assertThat(stats.flushes()).as("several batches share a commit: %s", stats).isLessThan((long) THREADS * BATCHES_PER_THREAD / 2);
            for (int t = 0; t < THREADS; t++) {
                long first = (long) t * BATCHES_PER_THREAD + 1;
                List<Long> expectedIds = java.util.stream.LongStream.range(first, first + BATCHES_PER_THREAD).boxed().toList();
                assertThat(ids(readAll(store, QueueId.ofQueue("q" + t), 64))).containsExactlyElementsOf(expectedIds);
            }
        }
    }
}
