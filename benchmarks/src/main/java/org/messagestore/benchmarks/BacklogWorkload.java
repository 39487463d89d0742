package org.messagestore.benchmarks;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * W7: a backlog. One transacted producer sends {@code --backlog} persistent messages, committing every
 * 1,000, while no consumer listens; then one consumer drains the queue, acknowledging as {@code drain}
 * says. Messages/s of each phase, from the first send to the last commit and from the consumer's start to
 * its last acknowledgement. After the fill, the broker JVM's resident memory and the data directory's size.
 * The AUTO_ACKNOWLEDGE run (W7) reports all of it; the DUPS_OK_ACKNOWLEDGE run (W7-dups-ok) fills a backlog
 * of its own but reports only its drain, its fill being the same measurement again.
 */
record BacklogWorkload(String id, SessionMode drain) implements Workload {

    private static final int FILL_COMMIT_EVERY = 1_000;
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);

    @Override
    public Optional<SessionMode> consumerMode() {
        return Optional.of(drain);
    }

    /** The one row of both runs, e.g. "W7 backlog of 50,000 msgs: filled by 1 producer, transacted, ...". */
    static String row(int messages) {
        return String.format("W7 backlog of %,d msgs: filled by 1 producer, %s; drained by 1 consumer", messages,
                SessionMode.transactedEvery(FILL_COMMIT_EVERY).describe());
    }

    private boolean reportsFill() {
        return drain.autoAcknowledge();
    }

    @Override
    public void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception {
        var failures = new Failures();
        var queue = Target.queue("benchmark.backlog");
        int messages = options.backlog();
        String row = row(messages);

        try (var producer = Producers.connect(peer.connectionFactory(), 1, failures)) {
            Optional<StoreCounters> before = peer.storeCounters();
            long start = System.nanoTime();
            producer.start(new Producers.Sends(queue, DeliveryMode.PERSISTENT, SessionMode.transactedEvery(FILL_COMMIT_EVERY),
                    new byte[options.bodyBytes()], false), messages);
            producer.awaitFinished();
            long elapsed = System.nanoTime() - start;
            failures.throwIfAny();
            reportCounters(peer, before, "fill", report);
            if (reportsFill()) {
                report.result(row, "fill msg/s", Better.HIGHER, messages / (elapsed / 1e9));
                report.result(row, "broker RSS after fill, MiB", Better.LOWER, Footprint.residentBytes() / 1048576.0);
                report.result(row, "data dir after fill, MiB", Better.LOWER, Footprint.directoryBytes(dataDir) / 1048576.0);
            }
        }

        try (var consumer = Consumers.connect(peer.connectionFactory(), 1, null, failures)) {
            Optional<StoreCounters> before = peer.storeCounters();
            long start = System.nanoTime();
            consumer.start(queue, drain, false, messages);
            boolean drained = consumer.awaitAcknowledged(DRAIN_LIMIT);
            long elapsed = System.nanoTime() - start;
            consumer.stop();
            failures.throwIfAny();
            if (!drained || consumer.acknowledged() != messages) {
                throw new IllegalStateException("drained " + consumer.acknowledged() + " of " + messages + " messages");
            }
            String metric = "drain " + drain.describe() + " msg/s";
            report.result(row, metric, Better.HIGHER, messages / (elapsed / 1e9));
            reportCounters(peer, before, metric, report);
        }
    }

    private static void reportCounters(BrokerPeer peer, Optional<StoreCounters> before, String phase, WorkloadReport report) {
        peer.storeCounters().ifPresent(after -> report.detail("W7 " + phase + ": " + after.since(before.orElseThrow()).describe()));
    }
}
