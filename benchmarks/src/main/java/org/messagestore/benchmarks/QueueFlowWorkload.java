package org.messagestore.benchmarks;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.util.Optional;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * Producers and consumers on one queue at the same time (W1 to W4), all of their sessions in {@code mode}:
 * messages/s consumed over the measured window and, where the workload asks, the consumer lag's median, from
 * each message's send to its receipt (both ends in this JVM, timed with {@code System.nanoTime()}; only
 * messages sent and received within the window count).
 */
record QueueFlowWorkload(String id, int producers, int consumers, int deliveryMode, SessionMode mode, boolean reportsLag)
        implements Workload {

    @Override
    public Optional<SessionMode> consumerMode() {
        return Optional.of(mode);
    }

    /** For the table, e.g. "W3 4 producers, 4 consumers, persistent, AUTO_ACKNOWLEDGE". */
    String row() {
        return String.format("%s %s, %s, %s, %s", id, count(producers, "producer"), count(consumers, "consumer"),
                deliveryMode == DeliveryMode.PERSISTENT ? "persistent" : "non-persistent", mode.describe());
    }

    @Override
    public void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception {
        var failures = new Failures();
        var queue = Target.queue("benchmark." + id.toLowerCase());
        try (var receivers = Consumers.connect(peer.connectionFactory(), consumers, null, failures);
             var senders = Producers.connect(peer.connectionFactory(), producers, failures)) {
            receivers.start(queue, mode, reportsLag, Long.MAX_VALUE);
            senders.start(new Producers.Sends(queue, deliveryMode, mode, new byte[options.bodyBytes()], reportsLag), Long.MAX_VALUE);
            MeasuredWindow window = MeasuredWindow.measure(peer, options, receivers::acknowledged);
            senders.stop();
            receivers.stop();
            failures.throwIfAny();
            report.result(row(), "msg/s consumed", Better.HIGHER, window.perSecond());
            if (reportsLag) {
                report.result(row(), "lag p50 ms", Better.LOWER, receivers.lagWithin(window.fromNanos(), window.untilNanos()).p50Millis());
            }
            window.reportCounters(row(), report);
        }
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
