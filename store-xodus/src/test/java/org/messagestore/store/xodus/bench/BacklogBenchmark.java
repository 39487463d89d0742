package org.messagestore.store.xodus.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.xodus.XodusMessageStore;

/**
 * A backlog larger than the heap (issue 4, items 5 and 6): sends N × 1 KiB persistent messages to one
 * queue from 4 producers with nobody consuming, drains them with 2 consumers, then measures a restart
 * with a backlog: stop the broker, start it again, time until the first message is received. Prints
 * rates, elapsed times and the heap: the largest heap in use sampled every 50 ms, and the largest heap
 * left after a collection (MemoryPoolMXBean collection usage), which is what the broker really holds.
 *
 * <p>Producers and consumers use transacted sessions that commit every {@value #BATCH} messages (one
 * fsync per batch). With a delivery delay, every message is sent delayed: the backlog then waits in
 * the store's delivery-time index, not in the queue's memory, and is read in as it becomes due. Not a
 * test: run it by hand, e.g. with -Xmx512m (see the main method's args).
 */
public final class BacklogBenchmark {

    private static final int BATCH = 100;
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 2;
    private static final String QUEUE = "backlog";

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();

    private final long deliveryDelayMillis;

    private BacklogBenchmark(long deliveryDelayMillis) {
        this.deliveryDelayMillis = deliveryDelayMillis;
    }

    /**
     * Args: [messages, default 2,000,000] [restart backlog, default 1,000,000] [body bytes, default 1024]
     * [delivery delay in seconds, default 0].
     */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int restartBacklog = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        long delaySeconds = args.length > 3 ? Long.parseLong(args[3]) : 0;
        new BacklogBenchmark(TimeUnit.SECONDS.toMillis(delaySeconds)).run(messages, restartBacklog, size);
    }

    private void run(int messages, int restartBacklog, int size) throws Exception {
        Path dir = Files.createTempDirectory("backlog-bench");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sampleHeap, 0, 50, TimeUnit.MILLISECONDS);
        System.out.printf("backlog benchmark: %,d x %d B persistent, delivery delay %d ms, %d producers, %d consumers, max heap %d MiB, dir %s%n",
                messages, size, deliveryDelayMillis, PRODUCERS, CONSUMERS, Runtime.getRuntime().maxMemory() >> 20, dir);
        try {
            String name = "bench";
            try (XodusMessageStore store = XodusMessageStore.open(dir.resolve("data"));
                 Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
                System.out.println("flow control: " + broker.config().flowControl());
                long t0 = System.nanoTime();
                parallel(PRODUCERS, messages, (session, count) -> produce(session, count, size), name);
                report("send", messages, t0);
                System.out.printf("heap after the send: max used (sampled) %d MiB, max after GC %d MiB%n",
                        peakUsed.get() >> 20, peakAfterGc.get() >> 20);
                t0 = System.nanoTime();
                parallel(CONSUMERS, messages, this::consume, name);
                report("drain", messages, t0);
                System.out.printf("heap: max used (sampled) %d MiB, max after GC %d MiB%n", peakUsed.get() >> 20, peakAfterGc.get() >> 20);

                t0 = System.nanoTime();
                parallel(PRODUCERS, restartBacklog, (session, count) -> produce(session, count, size), name);
                report("send restart backlog", restartBacklog, t0);
            }
            long t0 = System.nanoTime();
            try (XodusMessageStore store = XodusMessageStore.open(dir.resolve("data"));
                 Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
                long started = System.nanoTime();
                try (Connection connection = new MessageStoreConnectionFactory("vm://" + name).createConnection()) {
                    connection.start();
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    Message first = session.createConsumer(session.createQueue(QUEUE)).receive(60_000);
                    long received = System.nanoTime();
                    System.out.printf("restart with %,d backlog: store open + broker start %d ms, first message after %d ms (%s)%n",
                            restartBacklog, (started - t0) / 1_000_000, (received - t0) / 1_000_000,
                            first == null ? "NONE" : "ok");
                    session.rollback();
                }
                t0 = System.nanoTime();
                parallel(CONSUMERS, restartBacklog, this::consume, name);
                report("drain after restart", restartBacklog, t0);
            }
            System.out.printf("heap overall: max used (sampled) %d MiB, max after GC %d MiB%n", peakUsed.get() >> 20, peakAfterGc.get() >> 20);
        } finally {
            sampler.shutdownNow();
            deleteRecursively(dir);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Session session, int count) throws JMSException;
    }

    /** Runs {@code work} on {@code threads} connections, splitting {@code total} between them. */
    private void parallel(int threads, int total, Work work, String broker) throws Exception {
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            int count = total / threads + (i < total % threads ? 1 : 0);
            Thread thread = new Thread(() -> {
                try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
                    connection.start();
                    work.run(connection.createSession(true, Session.SESSION_TRANSACTED), count);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-worker-" + i);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a worker failed", failures.get(0));
        }
    }

    private void produce(Session session, int count, int size) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.setDeliveryDelay(deliveryDelayMillis);
        byte[] body = new byte[size];
        for (int i = 0; i < count; i++) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            producer.send(message);
            if (i % BATCH == BATCH - 1) {
                session.commit();
            }
        }
        session.commit();
    }

    private void consume(Session session, int count) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
        for (int i = 0; i < count; i++) {
            if (consumer.receive(60_000) == null) {
                throw new IllegalStateException("no message within 60 s after " + i + " of " + count);
            }
            if (i % BATCH == BATCH - 1) {
                session.commit();
            }
        }
        session.commit();
    }

    private static void report(String what, int count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-22s %,d messages in %.1f s = %,.0f msg/s%n", what, count, seconds, count / seconds);
    }

    private void sampleHeap() {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                afterGc += pool.getCollectionUsage().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(afterGc, Math::max);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
