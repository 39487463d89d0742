package org.messagestore.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** One measured workload, run in a child JVM against one freshly started peer. */
interface Scenario {

    /** The scenario's id on the child's command line, e.g. {@code send:4}. */
    String id();

    void run(BrokerPeer peer, BenchmarkOptions options, ScenarioReport report) throws Exception;

    /** Whether anything acknowledges messages; peers that differ only in acknowledgements skip the others. */
    default boolean acknowledges() {
        return true;
    }

    /** The scenarios the options ask for, in the order they run. */
    static List<Scenario> selected(BenchmarkOptions options) {
        var scenarios = new ArrayList<Scenario>();
        for (String name : options.scenarios()) {
            switch (name) {
                case "send" -> options.sendProducers().forEach(producers -> scenarios.add(new SendScenario(producers)));
                case "send-consume" -> scenarios.add(new SendAndConsumeScenario());
                case "backlog" -> scenarios.add(new BacklogScenario(ConsumerAcknowledgement.auto()));
                case "backlog-client-ack" -> scenarios.add(
                        new BacklogScenario(ConsumerAcknowledgement.clientEvery(options.clientAckEvery())));
                default -> throw new IllegalArgumentException("unknown scenario '" + name + "'\n" + BenchmarkOptions.USAGE);
            }
        }
        return scenarios;
    }

    static Scenario byId(String id, BenchmarkOptions options) {
        return selected(options).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario id '" + id + "'"));
    }
}
