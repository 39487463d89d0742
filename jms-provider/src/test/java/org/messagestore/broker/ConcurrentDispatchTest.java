package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;
import org.messagestore.model.DestinationName;

/** Many producers and consumers on one queue: every message is acknowledged exactly once, nothing deadlocks. */
class ConcurrentDispatchTest {

    private static final DestinationName JOBS = DestinationName.queue("jobs");
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 500;
    private static final int CONSUMERS = 3;

    /** A sink a consumer thread blocks on; the broker side never blocks (unbounded queue). */
    private static final class BlockingSink implements DeliverySink {
        final LinkedBlockingQueue<Delivery> buffer = new LinkedBlockingQueue<>();

        @Override
        public void deliver(Delivery delivery) {
            buffer.add(delivery);
        }

        @Override
        public void discardBuffered() {
            buffer.clear();
        }
    }

    @Test
    void everyMessageIsAcknowledgedExactlyOnceUnderConcurrentProducersConsumersAndRollbacks() throws Exception {
        AtomicInteger threadIds = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS,
                r -> new Thread(r, "messagestore-test-worker-" + threadIds.incrementAndGet()));
        try (BrokerFixture fixture = new BrokerFixture()) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                BrokerConnection connection = fixture.connect();
                long session = fixture.session(connection, c == 0);
                BlockingSink sink = new BlockingSink();
                connection.createConsumer(BrokerFixture.queueConsumer(fixture.newId(), session, JOBS, 5), sink);
                boolean transacted = c == 0;
                work.add(threads.submit(() -> {
                    int handled = 0;
                    while (acknowledged.size() < PRODUCERS * PER_PRODUCER) {
                        Delivery delivery = sink.buffer.poll(50, TimeUnit.MILLISECONDS);
                        if (delivery == null) {
                            continue;
                        }
                        connection.consumed(delivery.consumerId(), delivery.deliveryId());
                        handled++;
                        if (handled % 7 == 0) {
                            connection.rollback(session);
                            continue;
                        }
                        if (transacted) {
                            connection.commit(session);
                        } else {
                            connection.acknowledge(session);
                        }
                        if (!acknowledged.add(Messages.body(delivery.message()))) {
                            duplicates.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            BrokerConnection producer = fixture.connect();
            for (int p = 0; p < PRODUCERS; p++) {
                long session = fixture.session(producer, false);
                int producerId = p;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        producer.send(session, Messages.message(JOBS, producerId + "-" + i, i % 10, i % 2 == 0, 0)).get();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }

            assertThat(duplicates).hasValue(0);
            assertThat(acknowledged).hasSize(PRODUCERS * PER_PRODUCER);
            assertThat(fixture.store.storedMessageCount()).isZero();
            assertThat(fixture.broker.queue("jobs").pendingCount()).isZero();
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
