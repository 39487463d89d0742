package org.messagestore.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a benchmark run, from {@code --name value} arguments; with the defaults a round of every
 * peer takes two to five minutes on a 2-core machine, the more the slower its fsync (the AUTO_ACKNOWLEDGE
 * drains wait for one sync per message).
 */
record BenchmarkOptions(int rounds, List<String> peers, List<String> scenarios, List<Integer> sendProducers,
                        int warmupSeconds, int seconds, int mixedProducers, int mixedConsumers, int backlog,
                        int backlogProducers, int drainConsumers, int clientAckEvery, int bodyBytes, String heap,
                        Path artemisClasspath) {

    static final String USAGE = """
            PeerBenchmark: MessageStore and Apache ActiveMQ Artemis side by side, each broker and its clients in a
            child JVM, brokers on 127.0.0.1 TCP on a fresh temp data directory, persistent messages, fsync on.
              --rounds 2                   how often every scenario runs for every peer (peer order alternates)
              --peers "MessageStore,Artemis default,Artemis blocking acks"
                                           the first is compared with each other one; "Artemis blocking acks" is
                                           Artemis with block-on-acknowledge and skips the send scenario
              --scenarios send,send-consume,backlog,backlog-client-ack
                                           backlog drains in AUTO_ACKNOWLEDGE, backlog-client-ack in
                                           CLIENT_ACKNOWLEDGE with acknowledge() every --client-ack-every messages
              --send-producers 1,4,64      producer counts of the send scenario (one connection each)
              --warmup 2                   seconds of load before each measured window
              --seconds 8                  measured window of the send and send-consume scenarios
              --mixed-producers 4 --mixed-consumers 4
              --backlog 10000              messages sent with no consumer, then drained
              --backlog-producers 64 --drain-consumers 2
              --client-ack-every 100
              --body-bytes 1024
              --heap 2g                    -Xmx of each child JVM
              --artemis-classpath FILE     classpath file for Artemis's child JVM (run.sh resolves one with the
                                           Netty Artemis is released against); without it, this JVM's classpath
            """;

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        var values = new LinkedHashMap<String, String>();
        values.put("rounds", "2");
        values.put("peers", String.join(",", BrokerPeer.NAMES));
        values.put("scenarios", "send,send-consume,backlog,backlog-client-ack");
        values.put("send-producers", "1,4,64");
        values.put("warmup", "2");
        values.put("seconds", "8");
        values.put("mixed-producers", "4");
        values.put("mixed-consumers", "4");
        values.put("backlog", "10000");
        values.put("backlog-producers", "64");
        values.put("drain-consumers", "2");
        values.put("client-ack-every", "100");
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
        return new BenchmarkOptions(integer(values, "rounds"), list(values.get("peers")), list(values.get("scenarios")),
                list(values.get("send-producers")).stream().map(Integer::valueOf).toList(),
                integer(values, "warmup"), integer(values, "seconds"), integer(values, "mixed-producers"),
                integer(values, "mixed-consumers"), integer(values, "backlog"), integer(values, "backlog-producers"),
                integer(values, "drain-consumers"), integer(values, "client-ack-every"), integer(values, "body-bytes"),
                values.get("heap"),
                artemisClasspath.isEmpty() ? null : Path.of(artemisClasspath));
    }

    /** The arguments that reproduce these options in a child JVM. */
    List<String> toArgs() {
        var args = new ArrayList<String>();
        add(args, "rounds", rounds);
        add(args, "peers", String.join(",", peers));
        add(args, "scenarios", String.join(",", scenarios));
        add(args, "send-producers", String.join(",", sendProducers.stream().map(String::valueOf).toList()));
        add(args, "warmup", warmupSeconds);
        add(args, "seconds", seconds);
        add(args, "mixed-producers", mixedProducers);
        add(args, "mixed-consumers", mixedConsumers);
        add(args, "backlog", backlog);
        add(args, "backlog-producers", backlogProducers);
        add(args, "drain-consumers", drainConsumers);
        add(args, "client-ack-every", clientAckEvery);
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
