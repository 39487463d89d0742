package org.messagestore.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MessageStore against Apache ActiveMQ Artemis, measured in the same run: every scenario runs for every
 * peer in every round (unless it would repeat another peer, see {@link #measures}), each run in a fresh
 * child JVM ({@link ChildJvm}) on a fresh data directory, the peers' order alternating from round to round
 * so drift on a shared machine hits all of them. Prints progress, the store counters MessageStore reports,
 * and at the end a table of means and ratios.
 *
 * <p>Not a test: run it with {@code benchmarks/run.sh} (see benchmarks/README.md); {@code --help} lists
 * the options.
 */
public final class PeerBenchmark {

    private final BenchmarkOptions options;
    private final PrintStream out;
    private final ResultTable table = new ResultTable();
    private final Set<String> settings = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();

    private PeerBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        new PeerBenchmark(BenchmarkOptions.parse(Arrays.asList(args)), System.out).run();
    }

    private void run() throws Exception {
        Instant start = Instant.now();
        out.printf("MessageStore vs Artemis, %s; %d cores, %s %s, Java %s; options %s%n", start,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), String.join(" ", options.toArgs()));
        List<Scenario> scenarios = Scenario.selected(options);
        for (int round = 1; round <= options.rounds(); round++) {
            List<String> peers = new ArrayList<>(options.peers());
            if (round % 2 == 0) {
                Collections.reverse(peers);
            }
            for (Scenario scenario : scenarios) {
                for (String peer : peers) {
                    if (measures(peer, scenario)) {
                        runOne(round, peer, scenario);
                    }
                }
            }
        }
        out.println();
        String first = options.peers().get(0);
        out.printf("Results: mean of %d round(s); \"vs X\" = %s / X (msg/s: above 1 favours %s; latency: below 1 does)%n",
                options.rounds(), first, first);
        table.print(out, options.peers(), options.rounds());
        out.println();
        out.println("Settings as each peer reported them (AUTO_ACKNOWLEDGE unless the row says otherwise; "
                + "every producer and consumer has its own connection and one session):");
        settings.forEach(line -> out.println("  " + line));
        failures.forEach(line -> out.println("FAILED: " + line));
        out.printf("Finished in %s%n", Duration.between(start, Instant.now()).withNanos(0));
    }

    private void runOne(int round, String peer, Scenario scenario) throws IOException, InterruptedException, URISyntaxException {
        out.printf("round %d/%d  %-18s %-21s ", round, options.rounds(), scenario.id(), peer);
        out.flush();
        try {
            ChildJvm.Outcome outcome = new ChildJvm(classpathOf(peer), options.heap()).run(peer, scenario.id(), options.toArgs());
            List<String> shown = new ArrayList<>();
            for (String[] result : outcome.results()) {
                double value = Double.parseDouble(result[3]);
                table.add(round, peer, result[1], result[2], value);
                shown.add(String.format("%s %.2f", result[2], value));
            }
            out.println(String.join(", ", shown));
            for (String detail : outcome.details()) {
                if (detail.startsWith(peer + ": ")) {
                    settings.add(detail);
                } else {
                    out.println("    " + peer + " " + detail);
                }
            }
        } catch (IOException e) {
            out.println("failed");
            failures.add("round " + round + " " + scenario.id() + " " + peer + ": " + e.getMessage());
        }
    }

    /**
     * Artemis with blocking acknowledgements sends exactly as Artemis by default does, so it only runs the
     * scenarios that acknowledge.
     */
    private static boolean measures(String peer, Scenario scenario) {
        return scenario.acknowledges() || !peer.equals(ArtemisPeer.BLOCKING_ACKS);
    }

    /** The Artemis child may get its own classpath, so it runs on the Netty it is released against. */
    private String classpathOf(String peer) throws IOException, URISyntaxException {
        String own = System.getProperty("java.class.path");
        if (!ArtemisPeer.isVariant(peer) || options.artemisClasspath() == null) {
            return own;
        }
        Path benchmarkClasses = Path.of(PeerBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return benchmarkClasses + java.io.File.pathSeparator + Files.readString(options.artemisClasspath()).strip();
    }
}
