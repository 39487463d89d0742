package org.messagestore.benchmarks;

import java.time.Duration;
import java.util.Optional;

/**
 * Producers and consumers on one queue at the same time, consumers in AUTO_ACKNOWLEDGE: most messages are
 * acknowledged soon after they are stored, which is where MessageStore's elision (an add and its
 * acknowledgement cancelling in one group commit) applies. Reports sent and consumed messages/s over the
 * measured window, and for MessageStore the store's counters over that window.
 */
record SendAndConsumeScenario() implements Scenario {

    private static final String QUEUE = "benchmark.send-consume";

    @Override
    public String id() {
        return "send-consume";
    }

    @Override
    public void run(BrokerPeer peer, BenchmarkOptions options, ScenarioReport report) throws Exception {
        var failures = new Failures();
        String name = "send+consume, " + options.mixedProducers() + " producers/" + options.mixedConsumers() + " consumers";
        try (var consumers = Consumers.connect(peer.connectionFactory(), QUEUE, options.mixedConsumers(),
                ConsumerAcknowledgement.auto(), failures);
             var producers = Producers.connect(peer.connectionFactory(), QUEUE, options.mixedProducers(),
                     new byte[options.bodyBytes()], failures)) {
            consumers.start(Long.MAX_VALUE);
            producers.start(Long.MAX_VALUE);
            Thread.sleep(Duration.ofSeconds(options.warmupSeconds()).toMillis());
            long sentBefore = producers.sent();
            long receivedBefore = consumers.acknowledged();
            Optional<StoreCounters> countersBefore = peer.storeCounters();
            long from = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(options.seconds()).toMillis());
            long sent = producers.sent() - sentBefore;
            long received = consumers.acknowledged() - receivedBefore;
            Optional<StoreCounters> countersAfter = peer.storeCounters();
            long until = System.nanoTime();
            producers.stop();
            consumers.stop();
            failures.throwIfAny();
            double seconds = (until - from) / 1e9;
            report.result(name, "sent msg/s", sent / seconds);
            report.result(name, "consumed msg/s", received / seconds);
            report.result(name, "p99 send ms", producers.latencyWithin(from, until).p99Millis());
            countersAfter.ifPresent(after -> report.detail(name + " (measured window): "
                    + after.since(countersBefore.orElseThrow()).describe()));
        }
    }
}
