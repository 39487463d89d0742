package org.messagestore.benchmarks;

import java.time.Duration;
import java.util.Optional;

/**
 * A backlog: {@code backlog} messages sent by several producers while no consumer listens, then drained by
 * a few consumers acknowledging as {@code drain} says; messages/s of each phase, from the first send (or the
 * consumers' start) to the last acknowledgement. MessageStore holds only a window of a queue in memory and
 * pages the rest from the store.
 */
record BacklogScenario(ConsumerAcknowledgement drain) implements Scenario {

    private static final String QUEUE = "benchmark.backlog";
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);

    @Override
    public String id() {
        return drain.explicit() ? "backlog-client-ack" : "backlog";
    }

    @Override
    public void run(BrokerPeer peer, BenchmarkOptions options, ScenarioReport report) throws Exception {
        var failures = new Failures();
        int messages = options.backlog();
        // Each variant fills its own backlog; its fill gets a row of its own, as it is measured again.
        String fill = String.format("backlog fill, %,d msgs, %d producers%s", messages, options.backlogProducers(),
                drain.explicit() ? " (CLIENT_ACK run)" : "");
        String drainRow = String.format("backlog drain, %d consumers, %s", options.drainConsumers(), drain.describe());

        try (var producers = Producers.connect(peer.connectionFactory(), QUEUE, options.backlogProducers(),
                new byte[options.bodyBytes()], failures)) {
            Optional<StoreCounters> before = peer.storeCounters();
            long start = System.nanoTime();
            producers.start(messages);
            producers.awaitFinished();
            long elapsed = System.nanoTime() - start;
            failures.throwIfAny();
            report.result(fill, "msg/s", messages / (elapsed / 1e9));
            reportCounters(peer, before, fill, report);
        }

        try (var consumers = Consumers.connect(peer.connectionFactory(), QUEUE, options.drainConsumers(), drain, failures)) {
            Optional<StoreCounters> before = peer.storeCounters();
            long start = System.nanoTime();
            consumers.start(messages);
            boolean drained = consumers.awaitAcknowledged(DRAIN_LIMIT);
            long elapsed = System.nanoTime() - start;
            consumers.stop();
            failures.throwIfAny();
            if (!drained || consumers.acknowledged() != messages) {
                throw new IllegalStateException("drained " + consumers.acknowledged() + " of " + messages + " messages");
            }
            report.result(drainRow, "msg/s", messages / (elapsed / 1e9));
            reportCounters(peer, before, drainRow, report);
        }
    }

    private static void reportCounters(BrokerPeer peer, Optional<StoreCounters> before, String phase, ScenarioReport report) {
        peer.storeCounters().ifPresent(after -> report.detail(phase + ": " + after.since(before.orElseThrow()).describe()));
    }
}
