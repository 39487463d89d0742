package org.messagestore.store.xodus.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.xodus.StatisticsAccess;
import org.messagestore.store.xodus.XodusMessageStore;
import org.messagestore.store.xodus.XodusStoreSettings;

/**
 * Disk space under sustained churn (issue 4, item 7): a broker on the Xodus store in a temp directory,
 * N producers sending persistent messages to one queue and M consumers taking them off, both at full
 * speed, for a fixed duration. The data directory size (the sum of its file sizes) and the live data
 * estimate (backlog × (body + per-message overhead)) are sampled every second; every 10 s it prints
 * messages/s in and out, the backlog, both sizes and the writer's flush rate. At the end it prints the
 * max / mean / final directory size and its ratio to the live data, then the size after 15 s without
 * traffic.
 *
 * <p>A standing backlog makes the ratio meaningful: with {@code standingBacklog} > 0 the producers
 * first fill the queue to that many messages and the consumers never take it below that, so the
 * store holds about {@code standingBacklog} messages of live data all along while every message still
 * passes through (FIFO: the oldest are consumed, new ones appended). Statistics start once the backlog
 * is standing.
 *
 * <p>Producers and consumers use transacted sessions committing every {@code batch} messages (batch 1:
 * non-transacted sessions, one durable send and one acknowledgement per message). Producers wait
 * while the backlog exceeds {@code standingBacklog + maxBacklog}, so a faster producer side cannot turn
 * the churn test into a backlog test. Not a test: run it by hand; args are
 * {@code [seconds=600] [producers=4] [consumers=4] [bodyBytes=1024] [batch=100] [maxBacklog=50000]
 * [standingBacklog=0]}.
 */
public final class ChurnBenchmark {

    private static final String QUEUE = "churn";
    /** Bytes a stored message costs beyond its body: headers, properties, keys, Xodus tree pages. */
    private static final int OVERHEAD_ESTIMATE = 300;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final int standingBacklog;
    private volatile boolean stopping;

    private ChurnBenchmark(int standingBacklog) {
        this.standingBacklog = standingBacklog;
    }

    public static void main(String[] args) throws Exception {
        int seconds = arg(args, 0, 600);
        int producers = arg(args, 1, 4);
        int consumers = arg(args, 2, 4);
        int bodyBytes = arg(args, 3, 1024);
        int batch = arg(args, 4, 100);
        int maxBacklog = arg(args, 5, 50_000);
        int standingBacklog = arg(args, 6, 0);
        new ChurnBenchmark(standingBacklog).run(seconds, producers, consumers, bodyBytes, batch, maxBacklog);
    }

    private static int arg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    private void run(int seconds, int producers, int consumers, int bodyBytes, int batch, int maxBacklog) throws Exception {
        Path dir = Files.createTempDirectory("churn-bench");
        Path data = dir.resolve("data");
        System.out.printf("churn benchmark: %d s, %d producers, %d consumers, %d B persistent bodies, batch %d, max backlog %,d "
                        + "above a standing backlog of %,d, dir %s%n",
                seconds, producers, consumers, bodyBytes, batch, maxBacklog, standingBacklog, data);
        String name = "churn";
        List<Thread> workers = new ArrayList<>();
        try (XodusMessageStore store = XodusMessageStore.open(data);
             Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
            for (int i = 0; i < producers; i++) {
                workers.add(worker("churn-producer-" + i, name, batch, session -> produce(session, bodyBytes, batch, maxBacklog)));
            }
            for (int i = 0; i < consumers; i++) {
                workers.add(worker("churn-consumer-" + i, name, batch, session -> consume(session, batch)));
            }
            workers.forEach(Thread::start);
            fillStandingBacklog(data, bodyBytes);
            DiskSamples samples = new DiskSamples();
            System.out.println("    t  in msg/s  out msg/s   backlog  dir MiB  files  live MiB  flushes/s  elided/s");
            long start = System.nanoTime();
            long lastSent = sent.get();
            long lastConsumed = consumed.get();
            long sentAtStart = lastSent;
            long consumedAtStart = lastConsumed;
            long[] lastStats = StatisticsAccess.snapshot(store);
            for (int second = 1; second <= seconds && failures.isEmpty(); second++) {
                LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
                long s = sent.get();
                long c = consumed.get();
                long[] size = dirSize(data);
                long live = live(s - c, bodyBytes);
                samples.add(size[0], live);
                if (second % 10 == 0) {
                    long[] stats = StatisticsAccess.snapshot(store);
                    System.out.printf("%5d %9.0f %10.0f %9d %8.1f %6d %9.1f %10.0f %9.0f%n", second, (s - lastSent) / 10.0,
                            (c - lastConsumed) / 10.0, s - c, mib(size[0]), size[1], mib(live),
                            (stats[0] - lastStats[0]) / 10.0, (stats[3] - lastStats[3]) / 10.0);
                    lastSent = s;
                    lastConsumed = c;
                    lastStats = stats;
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long churnedIn = sent.get() - sentAtStart;
            long churnedOut = consumed.get() - consumedAtStart;
            stopping = true;
            for (Thread worker : workers) {
                worker.join(60_000);
            }
            long[] stats = StatisticsAccess.snapshot(store);
            long[] finalSize = dirSize(data);
            long finalLive = live(sent.get() - consumed.get(), bodyBytes);
            System.out.printf("totals: %,d sent, %,d consumed in %.0f s of churn = %,.0f msg/s in, %,.0f msg/s out; %,d flushes, %,d messages elided%n",
                    churnedIn, churnedOut, elapsed, churnedIn / elapsed, churnedOut / elapsed, stats[0], stats[3]);
            samples.print(finalSize[0], finalLive);
            idle(data, 15, finalLive);
            System.out.println("store settings: " + XodusStoreSettings.defaults());
            if (!failures.isEmpty()) {
                System.out.println("FAILED: " + failures.size() + " worker failures; first:");
                failures.get(0).printStackTrace(System.out);
            }
        } finally {
            stopping = true;
            deleteRecursively(dir);
        }
    }

    /** Waits (printing progress) until the producers have built the standing backlog. */
    private void fillStandingBacklog(Path data, int bodyBytes) {
        long start = System.nanoTime();
        while (sent.get() - consumed.get() < standingBacklog && failures.isEmpty()) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // a benchmark's progress report, not a test's wait
            System.out.printf("filling: backlog %,d of %,d, dir %.1f MiB%n", sent.get() - consumed.get(), standingBacklog,
                    mib(dirSize(data)[0]));
        }
        if (standingBacklog > 0) {
            System.out.printf("standing backlog of %,d (live estimate %.1f MiB) built in %.1f s%n", standingBacklog,
                    mib(live(standingBacklog, bodyBytes)), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Directory size and live data, one sample a second during the churn. */
    private static final class DiskSamples {
        private long count;
        private long maxDir;
        private double sumDir;
        private double sumLive;
        private double maxRatio;

        void add(long dir, long live) {
            count++;
            maxDir = Math.max(maxDir, dir);
            sumDir += dir;
            sumLive += live;
            if (live > 0) {
                maxRatio = Math.max(maxRatio, (double) dir / live);
            }
        }

        void print(long finalDir, long finalLive) {
            double meanDir = count == 0 ? 0 : sumDir / count;
            double meanLive = count == 0 ? 0 : sumLive / count;
            System.out.printf("dir size over %d samples: max %.1f MiB, mean %.1f MiB, final %.1f MiB; live estimate mean %.1f MiB, final %.1f MiB%n",
                    count, mib(maxDir), mib((long) meanDir), mib(finalDir), mib((long) meanLive), mib(finalLive));
            if (meanLive > 0) {
                System.out.printf("dir/live: max dir / mean live %.2f, mean dir / mean live %.2f, worst sample %.2f, final %.2f%n",
                        maxDir / meanLive, meanDir / meanLive, maxRatio, finalLive == 0 ? Double.NaN : (double) finalDir / finalLive);
            }
        }
    }

    /** With no traffic, GC should still reclaim what the last seconds wrote. */
    private static void idle(Path data, int seconds, long live) {
        long start = System.nanoTime();
        for (int s = 5; s <= seconds; s += 5) {
            LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(s) - System.nanoTime());
            long[] size = dirSize(data);
            System.out.printf("idle %2d s: dir %.1f MiB, %d files, live estimate %.1f MiB%n", s, mib(size[0]), size[1], mib(live));
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Session session) throws JMSException;
    }

    private Thread worker(String threadName, String broker, int batch, Work work) {
        return new Thread(() -> {
            try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
                connection.start();
                Session session = batch > 1 ? connection.createSession(true, Session.SESSION_TRANSACTED)
                        : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                work.run(session);
            } catch (Throwable e) {
                failures.add(e);
            }
        }, threadName);
    }

    private void produce(Session session, int bodyBytes, int batch, int maxBacklog) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        byte[] body = new byte[bodyBytes];
        while (!stopping) {
            while (sent.get() - consumed.get() > standingBacklog + maxBacklog && !stopping) {
                LockSupport.parkNanos(1_000_000); // a benchmark, not a test: back off while consumers catch up
            }
            for (int i = 0; i < batch; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
            }
            if (session.getTransacted()) {
                session.commit();
            }
            sent.addAndGet(batch);
        }
    }

    private void consume(Session session, int batch) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
        int inBatch = 0;
        while (!stopping) {
            if (inBatch == 0 && sent.get() - consumed.get() <= standingBacklog) {
                LockSupport.parkNanos(1_000_000); // keep the standing backlog: take only what is above it
                continue;
            }
            if (consumer.receive(100) != null) {
                inBatch++;
            }
            if (inBatch == batch || (inBatch > 0 && stopping)) {
                if (session.getTransacted()) {
                    session.commit();
                }
                consumed.addAndGet(inBatch);
                inBatch = 0;
            }
        }
        if (session.getTransacted()) {
            session.rollback(); // a partial batch goes back; it was never counted
        }
    }

    private static long live(long backlog, int bodyBytes) {
        return Math.max(0, backlog) * (bodyBytes + OVERHEAD_ESTIMATE);
    }

    /** {bytes, files}; Xodus deletes files while we walk, so vanished files count as 0 (or we walk again). */
    private static long[] dirSize(Path dir) {
        for (int attempt = 0; attempt < 5; attempt++) {
            long[] size = walkSize(dir);
            if (size[0] >= 0) {
                return size;
            }
        }
        return new long[] {-1, -1};
    }

    private static long[] walkSize(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            long[] total = new long[2];
            paths.filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    if (Files.isRegularFile(p)) {
                        total[0] += Files.size(p);
                        total[1]++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted by Xodus GC meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return total;
        } catch (IOException | UncheckedIOException e) {
            return new long[] {-1, -1};
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
