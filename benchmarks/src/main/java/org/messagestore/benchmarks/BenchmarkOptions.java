package org.messagestore.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a benchmark run, from {@code --name value} arguments. With the defaults a run of every
 * peer, workload and transport takes about a quarter of an hour on a 2-core machine, the more the slower
 * its fsync (W7's AUTO_ACKNOWLEDGE drains wait for one sync per message on the peers held to the spec).
 *
 * @param peers the peers asked for, or empty for the default set ({@link PeerBenchmark} decides it)
 */
record BenchmarkOptions(int rounds, List<String> peers, List<String> workloads, List<String> transports,
                        int warmupSeconds, int seconds, int backlog, int bodyBytes, String heap, Path artemisClasspath) {

    static final String USAGE = """
            PeerBenchmark: MessageStore, Apache ActiveMQ Artemis and ActiveMQ Classic side by side, each broker and its
            clients in a child JVM on a fresh temp data directory, fsync on, 1 KiB BytesMessages.
              --rounds 1                   how often everything runs (the peers' order alternates from round to round)
              --peers "MessageStore,MessageStore lazy acks,Artemis,Artemis held to spec,ActiveMQ Classic,ActiveMQ Classic held to spec"
                                           (the default)
              --workloads W1,W2,W3,W4,W5,W6,W7,W8
                                           W1 1 producer + 1 AUTO_ACK consumer (msg/s, lag p50)
                                           W2 1 transacted producer + 1 transacted consumer, commit per 100
                                           W3 4 producers + 4 AUTO_ACK consumers
                                           W4 as W1, non-persistent
                                           W5 topic, 1 producer, 4 durable AUTO_ACK subscribers (deliveries/s)
                                           W6 send and receive round trips on one connection (p50, p99 µs)
                                           W7 backlog: fill by 1 transacted producer, drain by 1 consumer in
                                              AUTO_ACK and again in DUPS_OK; broker RSS and data size after fill
                                           W8 XA: Narayana 2PC over the broker and H2, 1 thread (tx/s)
              --transports tcp,vm          127.0.0.1 TCP and in-VM; every row is one (workload, transport)
              --warmup 10                  seconds of load before each measured window (the JIT compiles meanwhile)
              --seconds 4                  measured window of W1-W6 and W8
              --backlog 50000              messages W7 fills and drains
              --body-bytes 1024
              --heap 2g                    -Xmx of each child JVM
              --artemis-classpath FILE     classpath file for Artemis's child JVM (run.sh resolves one with the
                                           Netty Artemis is released against); without it, this JVM's classpath
            """;

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        var values = new LinkedHashMap<String, String>();
        values.put("rounds", "1");
        values.put("peers", "");
        values.put("workloads", "W1,W2,W3,W4,W5,W6,W7,W8");
        values.put("transports", "tcp,vm");
        // On 2 cores the C2 compiler still takes about a quarter of the CPU 2 s after start: measure after it.
        values.put("warmup", "10");
        values.put("seconds", "4");
        values.put("backlog", "50000");
        values.put("body-bytes", "1024");
        values.put("heap", "2g");
        values.put("artemis-classpath", "");
        return values;
    }

    /** Parses {@code --name value} pairs; unknown names are an error so a typo never runs the defaults silently. */
    static BenchmarkOptions parse(List<String> args) {
        var values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i).startsWith("--") ? args.get(i).substring(2) : args.get(i);
            if (!values.containsKey(name) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + args.get(i) + "\n" + USAGE);
            }
            values.put(name, args.get(i + 1));
        }
        String artemisClasspath = values.get("artemis-classpath");
        var options = new BenchmarkOptions(integer(values, "rounds"), list(values.get("peers")), list(values.get("workloads")),
                list(values.get("transports")), integer(values, "warmup"), integer(values, "seconds"),
                integer(values, "backlog"), integer(values, "body-bytes"), values.get("heap"),
                artemisClasspath.isEmpty() ? null : Path.of(artemisClasspath));
        options.peers.forEach(PeerVariant::named);
        options.transports.forEach(Transport::byId);
        Workload.selected(options.workloads);
        return options;
    }

    /** The arguments that reproduce these options in a child JVM. */
    List<String> toArgs() {
        var args = new ArrayList<String>();
        add(args, "rounds", rounds);
        add(args, "peers", String.join(",", peers));
        add(args, "workloads", String.join(",", workloads));
        add(args, "transports", String.join(",", transports));
        add(args, "warmup", warmupSeconds);
        add(args, "seconds", seconds);
        add(args, "backlog", backlog);
        add(args, "body-bytes", bodyBytes);
        add(args, "heap", heap);
        return args;
    }

    private static void add(List<String> args, String name, Object value) {
        args.add("--" + name);
        args.add(String.valueOf(value));
    }

    private static int integer(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
