package org.messagestore.server.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.messagestore.broker.QueueStatistics;
import org.messagestore.broker.QueueStatistics.Kind;

/**
 * The time series of the per-queue metrics for one scrape, with a bounded number of label values.
 * Prometheus keeps every series it ever saw until retention drops it, so a label per temporary queue
 * (a new name for every request-reply client) or per non-durable subscription (one per subscriber
 * connection) would grow without end. Hence:
 * <ul>
 *   <li>temporary queues are summed into one series, {@code queue="(temporary)"}, and non-durable
 *       subscriptions into one, {@code queue="(non-durable)"} (no {@code topic} label);</li>
 *   <li>queues and durable subscriptions are exported one series each, at most {@code maxQueues} of them,
 *       the first by name (queues before subscriptions); the rest are summed into
 *       {@code queue="(other)"}, one series per kind.</li>
 * </ul>
 * A summed series holds what its members hold now: when a member goes away (a temporary queue deleted, a
 * queue that moved under the cap) its totals leave the sum, which {@code rate()} reads as a counter reset.
 *
 * @param queue  the {@code queue} label: the queue's or subscription's name, or one of the sums above
 * @param kind   the {@code kind} label: {@code queue}, {@code temporary_queue}, {@code durable_subscription},
 *               {@code non_durable_subscription}
 * @param topic  the {@code topic} label of a single durable subscription; null otherwise
 * @param memoryBytes     bytes of its messages held in memory (a sum: summed)
 * @param oldestAgeMillis how long the message at its head has waited (a sum: the longest of its members')
 */
record QueueSeries(String queue, String kind, String topic, long depth, long inFlight, long inMemory, long pagedOut,
                   long consumers, long added, long delivered, long acknowledged, long redelivered, long expired,
                   long deadLettered, long memoryBytes, long oldestAgeMillis) {

    static final String TEMPORARY = "(temporary)";
    static final String NON_DURABLE = "(non-durable)";
    static final String OTHER = "(other)";

    /** The series of {@code queues} at {@code nowMillis} (ages are measured against it). */
    static List<QueueSeries> of(List<QueueStatistics> queues, int maxQueues, long nowMillis) {
        var named = queues.stream()
                .filter(q -> q.kind() == Kind.QUEUE || q.kind() == Kind.DURABLE_SUBSCRIPTION)
                .sorted(Comparator.comparing(QueueStatistics::kind).thenComparing(QueueStatistics::name))
                .toList();
        var series = new ArrayList<QueueSeries>();
        named.stream().limit(maxQueues).map(q -> single(q, nowMillis)).forEach(series::add);
        Map<Kind, QueueSeries> sums = new LinkedHashMap<>();
        named.stream().skip(maxQueues).forEach(q -> sums.merge(q.kind(), sum(OTHER, q, nowMillis), QueueSeries::plus));
        for (QueueStatistics q : queues) {
            if (q.kind() == Kind.TEMPORARY_QUEUE) {
                sums.merge(q.kind(), sum(TEMPORARY, q, nowMillis), QueueSeries::plus);
            } else if (q.kind() == Kind.NON_DURABLE_SUBSCRIPTION) {
                sums.merge(q.kind(), sum(NON_DURABLE, q, nowMillis), QueueSeries::plus);
            }
        }
        series.addAll(sums.values());
        return series;
    }

    private static QueueSeries single(QueueStatistics q, long nowMillis) {
        return from(q.name(), q, q.kind() == Kind.DURABLE_SUBSCRIPTION ? q.topic() : null, nowMillis);
    }

    private static QueueSeries sum(String label, QueueStatistics q, long nowMillis) {
        return from(label, q, null, nowMillis);
    }

    private static QueueSeries from(String label, QueueStatistics q, String topic, long nowMillis) {
        return new QueueSeries(label, kindLabel(q.kind()), topic, q.depth(), q.inFlight(), q.inMemory(), q.pagedOut(),
                q.consumers(), q.added(), q.delivered(), q.acknowledged(), q.redelivered(), q.expired(), q.deadLettered(),
                q.memoryBytes(), q.headAgeMillis(nowMillis));
    }

    static String kindLabel(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private QueueSeries plus(QueueSeries o) {
        return new QueueSeries(queue, kind, topic, depth + o.depth, inFlight + o.inFlight, inMemory + o.inMemory,
                pagedOut + o.pagedOut, consumers + o.consumers, added + o.added, delivered + o.delivered,
                acknowledged + o.acknowledged, redelivered + o.redelivered, expired + o.expired,
                deadLettered + o.deadLettered, memoryBytes + o.memoryBytes, Math.max(oldestAgeMillis, o.oldestAgeMillis));
    }
}
