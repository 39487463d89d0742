package org.messagestore.benchmarks;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.util.Optional;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * W5: one producer sends persistent messages to a topic with {@code subscribers} durable subscriptions,
 * each read by its own AUTO_ACKNOWLEDGE consumer on a connection with a client id; deliveries/s summed
 * over the subscribers in the measured window. The subscriptions exist before the first send.
 */
record TopicFanOutWorkload(String id, int subscribers) implements Workload {

    @Override
    public Optional<SessionMode> consumerMode() {
        return Optional.of(SessionMode.AUTO_ACKNOWLEDGE);
    }

    @Override
    public boolean readsDurableSubscriptions() {
        return true;
    }

    String row() {
        return String.format("%s topic, 1 producer, %d durable subscribers, persistent, %s", id, subscribers,
                SessionMode.AUTO_ACKNOWLEDGE.describe());
    }

    @Override
    public void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception {
        var failures = new Failures();
        var topic = Target.topic("benchmark." + id.toLowerCase());
        try (var subscriptions = Consumers.connect(peer.connectionFactory(), subscribers, "benchmark-subscriber-", failures);
             var publisher = Producers.connect(peer.connectionFactory(), 1, failures)) {
            subscriptions.start(topic, SessionMode.AUTO_ACKNOWLEDGE, false, Long.MAX_VALUE);
            publisher.start(new Producers.Sends(topic, DeliveryMode.PERSISTENT, SessionMode.AUTO_ACKNOWLEDGE,
                    new byte[options.bodyBytes()], false), Long.MAX_VALUE);
            MeasuredWindow window = MeasuredWindow.measure(peer, options, subscriptions::acknowledged);
            publisher.stop();
            subscriptions.stop();
            failures.throwIfAny();
            report.result(row(), "deliveries/s", Better.HIGHER, window.perSecond());
            window.reportCounters(row(), report);
        }
    }
}
