package org.messagestore.benchmarks;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One measured workload, run in a child JVM against one freshly started peer. The ids (W1 to W8) are what
 * {@code --workloads} takes; W7 runs twice, once per drain mode, each in a child of its own.
 */
interface Workload {

    /** The id on the child's command line and in the progress lines, e.g. {@code W7-dups-ok}. */
    String id();

    /** How this workload's consumers acknowledge; empty when nothing consumes. */
    Optional<SessionMode> consumerMode();

    /** Whether the consumers read durable subscriptions of a topic. */
    default boolean readsDurableSubscriptions() {
        return false;
    }

    void run(BrokerPeer peer, Path dataDir, BenchmarkOptions options, WorkloadReport report) throws Exception;

    /** Every workload, in the order a run goes through them. */
    static List<Workload> all() {
        return List.of(
                new QueueFlowWorkload("W1", 1, 1, DeliveryMode.PERSISTENT, SessionMode.AUTO_ACKNOWLEDGE, true),
                new QueueFlowWorkload("W2", 1, 1, DeliveryMode.PERSISTENT, SessionMode.transactedEvery(100), false),
                new QueueFlowWorkload("W3", 4, 4, DeliveryMode.PERSISTENT, SessionMode.AUTO_ACKNOWLEDGE, false),
                new QueueFlowWorkload("W4", 1, 1, DeliveryMode.NON_PERSISTENT, SessionMode.AUTO_ACKNOWLEDGE, false),
                new TopicFanOutWorkload("W5", 4),
                new RoundTripWorkload("W6"),
                new BacklogWorkload("W7", SessionMode.AUTO_ACKNOWLEDGE),
                new BacklogWorkload("W7-dups-ok", SessionMode.DUPS_OK_ACKNOWLEDGE),
                new XaWorkload("W8"));
    }

    /** The workloads {@code --workloads} names, W7 standing for both of its drains. */
    static List<Workload> selected(List<String> ids) {
        var selected = new LinkedHashSet<Workload>();
        for (String id : ids) {
            List<Workload> matching = all().stream().filter(w -> w.id().equals(id) || w.id().startsWith(id + "-")).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("unknown workload '" + id + "', expected W1 to W8\n" + BenchmarkOptions.USAGE);
            }
            selected.addAll(matching);
        }
        return List.copyOf(selected);
    }

    static Workload byId(String id) {
        return all().stream().filter(w -> w.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload id '" + id + "'"));
    }
}
