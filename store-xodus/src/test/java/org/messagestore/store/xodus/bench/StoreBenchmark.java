package org.messagestore.store.xodus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.xodus.StatisticsAccess;
import org.messagestore.store.xodus.XodusMessageStore;

/**
 * Group-commit throughput and latency of the Xodus store: N synchronous producers, each sending a
 * persistent message (AddMessage + AddReference) and waiting for its future before the next, as a
 * JMS producer's send() does. Prints msgs/s, commits/s, msgs per commit, the writer's mean time in
 * Xodus commit (the fdatasync), and send latency percentiles. A program, not a test.
 *
 * <p>Usage: {@code java --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp <test classpath>
 * org.messagestore.store.xodus.bench.StoreBenchmark [seconds=5] [bodyBytes=1024] [dir=tmp]}
 */
public final class StoreBenchmark {

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int bodyBytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        Path base = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("store-bench");
        System.out.printf("Xodus store group commit, %d B bodies, %d s per run (after a 2 s warm-up), dir %s, Java %s%n",
                bodyBytes, seconds, base, System.getProperty("java.version"));
        System.out.printf("%-10s %8s %10s %10s %9s %12s %9s %9s %9s%n",
                "mode", "threads", "msgs/s", "commits/s", "msgs/cmt", "commit(ms)", "p50(ms)", "p99(ms)", "p99.9(ms)");
        for (int threads : new int[] {1, 4, 64}) {
            run(base.resolve("send-" + threads), "send", threads, seconds, bodyBytes, false);
        }
        run(base.resolve("sendack-64"), "send+ack", 64, seconds, bodyBytes, true);
        deleteRecursively(base);
    }

    private static void run(Path dir, String mode, int threads, int seconds, int bodyBytes, boolean ack) throws Exception {
        try (XodusMessageStore store = XodusMessageStore.open(dir)) {
            AtomicLong ids = new AtomicLong();
            measure(store, ids, threads, 2, bodyBytes, ack); // warm-up
            long[] before = StatisticsAccess.snapshot(store);
            Result result = measure(store, ids, threads, seconds, bodyBytes, ack);
            long[] after = StatisticsAccess.snapshot(store);
            long flushes = after[0] - before[0];
            double commitMs = flushes == 0 ? 0 : (after[2] - before[2]) / 1e6 / flushes;
            long[] lat = result.latencies;
            Arrays.sort(lat);
            System.out.printf("%-10s %8d %10.0f %10.0f %9.1f %12.2f %9.2f %9.2f %9.2f%n",
                    mode, threads, lat.length / result.seconds, flushes / result.seconds,
                    flushes == 0 ? 0 : (double) (after[1] - before[1]) / flushes, commitMs,
                    percentile(lat, 50), percentile(lat, 99), percentile(lat, 99.9));
        }
    }

    private record Result(long[] latencies, double seconds) {
    }

    private static Result measure(XodusMessageStore store, AtomicLong ids, int threads, int seconds, int bodyBytes, boolean ack)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(threads);
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        MessageData message = new MessageData(null, 0, null, null, DestinationName.queue("bench"), null, null, true, 4, 0, 0,
                Map.of("k", "v"), BodyType.BYTES, new byte[bodyBytes]);
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[4_000_000 / threads];
            perThread.add(latencies);
            int thread = t;
            QueueId queue = QueueId.ofQueue("bench-" + (t % 8));
            Thread producer = new Thread(() -> {
                try {
                    while (running.get() && counts[thread] < latencies.length) {
                        long id = ids.incrementAndGet();
                        long start = System.nanoTime();
                        store.apply(List.of(new StoreOperation.AddMessage(id, message), new StoreOperation.AddReference(queue, id))).join();
                        latencies[counts[thread]++] = System.nanoTime() - start;
                        if (ack) {
                            store.apply(List.of(new StoreOperation.RemoveReference(queue, id))); // acknowledged asynchronously
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-producer-" + t);
            producer.start();
        }
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds); // a benchmark's measuring window, not a wait for a condition
        running.set(false);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int offset = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, offset, counts[t]);
            offset += counts[t];
        }
        return new Result(all, elapsed);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void deleteRecursively(Path base) throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
