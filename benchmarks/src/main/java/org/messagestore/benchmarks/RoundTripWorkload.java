package org.messagestore.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * W6: one connection and one AUTO_ACKNOWLEDGE session send a persistent message to a queue and receive it
 * before sending the next. Reports the round trip's median and 99th percentile in microseconds over the
 * measured window, and round trips/s as 1e6 / median µs (a rate the median sustains, unmoved by a few slow
 * trips).
 */
record RoundTripWorkload(String id) implements Workload {

    private static final long RECEIVE_LIMIT_MILLIS = 30_000;

    @Override
    public Optional<SessionMode> consumerMode() {
        return Optional.of(SessionMode.AUTO_ACKNOWLEDGE);
    }

    String row() {
        return id + " round trip: send persistent, receive it, 1 connection, " + SessionMode.AUTO_ACKNOWLEDGE.describe();
    }

    @Override
    public void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception {
        var samples = new LatencySamples();
        long warmupEnd;
        long windowEnd;
        StoreCounters countersBefore = null;
        Optional<StoreCounters> during;
        try (Connection connection = peer.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("benchmark." + id.toLowerCase());
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            byte[] body = new byte[options.bodyBytes()];
            long start = System.nanoTime();
            warmupEnd = start + options.warmupSeconds() * 1_000_000_000L;
            windowEnd = warmupEnd + options.seconds() * 1_000_000_000L;
            for (long now = start; now < windowEnd; now = System.nanoTime()) {
                if (countersBefore == null && now >= warmupEnd) {
                    countersBefore = peer.storeCounters().orElse(null);
                }
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
                Message received = consumer.receive(RECEIVE_LIMIT_MILLIS);
                if (received == null) {
                    throw new IllegalStateException("a sent message did not come back within " + RECEIVE_LIMIT_MILLIS + " ms");
                }
                samples.add(now, System.nanoTime() - now);
            }
            StoreCounters before = countersBefore;
            during = peer.storeCounters().filter(after -> before != null).map(after -> after.since(before));
        }
        var percentiles = LatencySamples.within(List.of(samples), warmupEnd, windowEnd);
        double p50Micros = percentiles.p50Millis() * 1000;
        report.result(row(), "round trips/s", Better.HIGHER, 1e6 / p50Micros);
        report.result(row(), "p50 µs", Better.LOWER, p50Micros);
        report.result(row(), "p99 µs", Better.LOWER, percentiles.p99Millis() * 1000);
        during.ifPresent(counters -> report.detail(row() + " (measured window): " + counters.describe()));
    }
}
