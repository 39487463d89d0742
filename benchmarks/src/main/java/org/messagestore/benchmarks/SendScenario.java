package org.messagestore.benchmarks;

import java.time.Duration;

/**
 * Durable send throughput: {@code producers} non-transacted producers, each on its own connection, send
 * persistent messages to one queue that nobody consumes; messages/s and send latency over the measured
 * window after a warm-up.
 */
record SendScenario(int producers) implements Scenario {

    private static final String QUEUE = "benchmark.send";

    @Override
    public String id() {
        return "send:" + producers;
    }

    @Override
    public boolean acknowledges() {
        return false;
    }

    @Override
    public void run(BrokerPeer peer, BenchmarkOptions options, ScenarioReport report) throws Exception {
        var failures = new Failures();
        String name = "send, " + producers + (producers == 1 ? " producer" : " producers");
        try (var load = Producers.connect(peer.connectionFactory(), QUEUE, producers, new byte[options.bodyBytes()], failures)) {
            load.start(Long.MAX_VALUE);
            Thread.sleep(Duration.ofSeconds(options.warmupSeconds()).toMillis());
            long sentBefore = load.sent();
            long from = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(options.seconds()).toMillis());
            long sent = load.sent() - sentBefore;
            long until = System.nanoTime();
            load.stop();
            failures.throwIfAny();
            var latency = load.latencyWithin(from, until);
            report.result(name, "msg/s", sent / ((until - from) / 1e9));
            report.result(name, "p50 send ms", latency.p50Millis());
            report.result(name, "p99 send ms", latency.p99Millis());
        }
    }
}
