package org.messagestore.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerStatistics;
import org.messagestore.broker.PreparedBranch;

/**
 * The broker's metrics, read from {@link Broker#statistics()} when Prometheus scrapes: nothing polls in
 * between, and every family of one scrape comes from the same snapshot. Per-queue series are bounded as
 * {@link QueueSeries} describes.
 *
 * <p>Threads: runs on the HTTP server's thread that answers the scrape; holds no state of its own.
 */
final class BrokerCollector implements MultiCollector {

    private final Broker broker;
    private final int maxQueues;
    private final Clock clock;

    BrokerCollector(Broker broker, int maxQueues, Clock clock) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.maxQueues = maxQueues;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        BrokerStatistics stats = broker.statistics();
        var families = new ArrayList<MetricSnapshot>();
        families.add(gauge("messagestore_connections", "Open client connections", null, stats.connections()));
        families.add(gauge("messagestore_sessions", "Open sessions of those connections", null, stats.sessions()));
        families.add(gauge("messagestore_memory_used_bytes", "Memory the queues' messages take, counted against the limit",
                Unit.BYTES, stats.memoryUsedBytes()));
        families.add(gauge("messagestore_memory_limit_bytes", "The broker-wide memory limit for messages",
                Unit.BYTES, stats.memoryLimitBytes()));
        families.add(gauge("messagestore_sends_blocked", "Sends waiting now for memory under flow control", null,
                stats.sendsWaitingForMemory()));
        families.add(CounterSnapshot.builder().name("messagestore_authentication_failures")
                .help("Connection attempts refused for their credentials since start")
                .dataPoint(CounterDataPointSnapshot.builder().value(stats.authenticationFailures()).build()).build());
        families.add(gauge("messagestore_transactions_active", "XA branches started and not yet prepared", null,
                stats.activeTransactions()));
        families.add(gauge("messagestore_transactions_prepared", "XA branches prepared and in doubt", null,
                stats.preparedTransactions()));
        families.add(gauge("messagestore_transactions_heuristic",
                "XA branches completed by an operator and not yet forgotten by their transaction manager", null,
                stats.heuristicTransactions()));
        families.add(gauge("messagestore_transaction_oldest_prepared_age_seconds",
                "How long the oldest in-doubt XA branch has been prepared; 0 when none is", Unit.SECONDS,
                oldestPreparedAgeSeconds()));
        families.addAll(queueFamilies(QueueSeries.of(stats.queues(), maxQueues, clock.millis())));
        return new MetricSnapshots(families);
    }

    private double oldestPreparedAgeSeconds() {
        var now = clock.instant();
        return broker.preparedBranches().list().stream()
                .filter(branch -> branch.state() == PreparedBranch.State.PREPARED)
                .map(branch -> branch.age(now))
                .filter(Objects::nonNull)
                .max(Duration::compareTo)
                .map(age -> Math.max(0, age.toNanos()) / 1e9)
                .orElse(0.0);
    }

    private static List<MetricSnapshot> queueFamilies(List<QueueSeries> series) {
        return List.of(
                queueGauge("messagestore_queue_messages",
                        "Messages a queue holds: waiting, paged out, or delivered and not yet acknowledged", series,
                        QueueSeries::depth),
                queueGauge("messagestore_queue_in_flight_messages", "Messages delivered and not yet acknowledged", series,
                        QueueSeries::inFlight),
                queueGauge("messagestore_queue_in_memory_messages", "Messages waiting in memory", series,
                        QueueSeries::inMemory),
                queueGauge("messagestore_queue_paged_out_messages", "Messages waiting in the store only, beyond the "
                        + "paging window", series, QueueSeries::pagedOut),
                queueGauge("messagestore_queue_consumers", "Consumers attached", series, QueueSeries::consumers),
                queueGauge("messagestore_queue_memory_bytes", "Estimated bytes of the queue's messages held in memory, "
                        + "waiting or delivered and not yet acknowledged", Unit.BYTES, series, s -> s.memoryBytes()),
                queueGauge("messagestore_queue_oldest_message_age_seconds", "How long the message at the head of "
                        + "the queue (the next to be delivered) has waited since it was sent; 0 when none is due",
                        Unit.SECONDS, series, s -> s.oldestAgeMillis() / 1000.0),
                queueCounter("messagestore_queue_messages_added", "Messages that arrived", series, QueueSeries::added),
                queueCounter("messagestore_queue_messages_delivered", "Deliveries to consumers, redeliveries included",
                        series, QueueSeries::delivered),
                queueCounter("messagestore_queue_messages_acknowledged",
                        "Messages acknowledged or consumed in a committed transaction", series, QueueSeries::acknowledged),
                queueCounter("messagestore_queue_messages_redelivered",
                        "Consumed messages that came back to be delivered again", series, QueueSeries::redelivered),
                queueCounter("messagestore_queue_messages_expired", "Messages that expired", series, QueueSeries::expired),
                queueCounter("messagestore_queue_messages_dead_lettered",
                        "Messages moved to the dead-letter queue, or discarded, over the delivery limit", series,
                        QueueSeries::deadLettered));
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, double value) {
        var builder = GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build());
        return unit == null ? builder.build() : builder.unit(unit).build();
    }

    private static GaugeSnapshot queueGauge(String name, String help, List<QueueSeries> series,
                                            ToLongFunction<QueueSeries> value) {
        return queueGauge(name, help, null, series, s -> (double) value.applyAsLong(s));
    }

    private static GaugeSnapshot queueGauge(String name, String help, Unit unit, List<QueueSeries> series,
                                            java.util.function.ToDoubleFunction<QueueSeries> value) {
        var builder = GaugeSnapshot.builder().name(name).help(help);
        for (QueueSeries s : series) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(s)).value(value.applyAsDouble(s)).build());
        }
        return unit == null ? builder.build() : builder.unit(unit).build();
    }

    private static CounterSnapshot queueCounter(String name, String help, List<QueueSeries> series,
                                                ToLongFunction<QueueSeries> value) {
        var builder = CounterSnapshot.builder().name(name).help(help);
        for (QueueSeries s : series) {
            builder.dataPoint(CounterDataPointSnapshot.builder().labels(labels(s)).value(value.applyAsLong(s)).build());
        }
        return builder.build();
    }

    private static Labels labels(QueueSeries s) {
        return s.topic() == null ? Labels.of("queue", s.queue(), "kind", s.kind())
                : Labels.of("queue", s.queue(), "kind", s.kind(), "topic", s.topic());
    }
}
