package org.messagestore.benchmarks;

import java.io.File;
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
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * MessageStore against Apache ActiveMQ Artemis and ActiveMQ Classic, measured in the same run: every
 * workload runs for every peer over every transport in every round (unless another peer's run stands for
 * it, see {@link PeerVariant#standIn}), each run in a fresh child JVM ({@link ChildJvm}) on a fresh data
 * directory, the peers' order alternating from round to round so drift on a shared machine hits all of
 * them. Prints the disk's sync rate, progress, the store counters MessageStore reports, and at the end a
 * Markdown table of means and ratios.
 *
 * <p>Not a test: run it with {@code benchmarks/run.sh} (see benchmarks/README.md); {@code --help} lists
 * the options.
 */
public final class PeerBenchmark {

    private static final Duration SYNC_RATE_DURATION = Duration.ofSeconds(2);

    private final BenchmarkOptions options;
    private final List<PeerVariant> peers;
    private final PrintStream out;
    private final ResultTable table = new ResultTable();
    private final Set<String> settings = new LinkedHashSet<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();

    private PeerBenchmark(BenchmarkOptions options, List<PeerVariant> peers, PrintStream out) {
        this.options = options;
        this.peers = peers;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // Anywhere on the line: run.sh puts --artemis-classpath before the caller's arguments.
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options = BenchmarkOptions.parse(Arrays.asList(args));
        var benchmark = new PeerBenchmark(options, peers(options), System.out);
        benchmark.run();
    }

    /** The peers asked for, or every peer. */
    private static List<PeerVariant> peers(BenchmarkOptions options) {
        if (!options.peers().isEmpty()) {
            return options.peers().stream().map(PeerVariant::named).toList();
        }
        return List.of(PeerVariant.values());
    }

    private void run() throws Exception {
        Instant start = Instant.now();
        out.printf("MessageStore vs Artemis vs ActiveMQ Classic, %s; %d cores, %s %s, Java %s; peers %s; options %s%n", start,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), peers.stream().map(PeerVariant::displayName).toList(),
                String.join(" ", options.toArgs()));
        Path dataRoot = Path.of(System.getProperty("java.io.tmpdir"));
        DiskSyncRate.Rates disk = DiskSyncRate.measure(dataRoot, SYNC_RATE_DURATION);
        out.printf("Disk reference: %,.0f appending and %,.0f in-place fdatasyncs/s in %s (1 KiB FileChannel.write + "
                        + "force(false), %d s each); a drain that syncs each acknowledgement on its own cannot go faster "
                        + "than the rate its store writes at (W7)%n",
                disk.appending(), disk.inPlace(), dataRoot, SYNC_RATE_DURATION.toSeconds());
        List<Workload> workloads = Workload.selected(options.workloads());
        List<Transport> transports = options.transports().stream().map(Transport::byId).toList();
        for (int round = 1; round <= options.rounds(); round++) {
            List<PeerVariant> order = new ArrayList<>(peers);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Workload workload : workloads) {
                for (Transport transport : transports) {
                    for (PeerVariant peer : order) {
                        noteBrokenGuarantee(peer, workload);
                        if (standsInFor(peer, workload) == peer) {
                            runOne(round, peer, workload, transport);
                        }
                    }
                }
            }
        }
        out.println();
        out.printf("Results: mean of %d round(s). Ratio columns: a value above 1 favours our peer (ours / best for "
                + "rates, best / ours for times and sizes), with the best peer named.%n", options.rounds());
        out.println();
        table.printMarkdown(out, peers, options.rounds());
        out.println();
        notes.forEach(out::println);
        out.println("Settings as each peer reported them:");
        settings.forEach(line -> out.println("  " + line));
        failures.forEach(line -> out.println("FAILED: " + line));
        out.printf("Finished in %s%n", Duration.between(start, Instant.now()).withNanos(0));
    }

    private void noteBrokenGuarantee(PeerVariant peer, Workload workload) {
        if (!peer.keepsItsGuarantee(workload)) {
            notes.add(String.format("%s: %s does not keep its guarantee there (its broker journals a durable subscriber's "
                    + "acknowledgement without a sync); no ratio compares with it.", workload.id(), peer.displayName()));
        }
    }

    /** The peer whose run stands for {@code peer} in {@code workload}: its stand-in, when that one runs too. */
    private PeerVariant standsInFor(PeerVariant peer, Workload workload) {
        PeerVariant standIn = peer.standIn(workload);
        if (standIn != peer && peers.contains(standIn)) {
            notes.add(String.format("%s: %s behaves as %s there and was not run again; its column repeats that peer's numbers.",
                    workload.id(), peer.displayName(), standIn.displayName()));
            return standIn;
        }
        return peer;
    }

    private void runOne(int round, PeerVariant peer, Workload workload, Transport transport)
            throws IOException, InterruptedException, URISyntaxException {
        out.printf("round %d/%d  %-10s %-3s %-30s ", round, options.rounds(), workload.id(), transport.id(), peer.displayName());
        out.flush();
        try {
            ChildJvm.Outcome outcome = new ChildJvm(classpathOf(peer), options.heap())
                    .run(peer.displayName(), workload.id(), transport, options.toArgs());
            List<String> shown = new ArrayList<>();
            List<PeerVariant> standingFor = peers.stream().filter(p -> standsInFor(p, workload) == peer).toList();
            for (String[] result : outcome.results()) {
                double value = Double.parseDouble(result[4]);
                Better better = Better.valueOf(result[3]);
                standingFor.forEach(p -> table.add(round, p, p.keepsItsGuarantee(workload),
                        result[1], transport.id(), result[2], better, value));
                shown.add(String.format("%s %.2f", result[2], value));
            }
            out.println(String.join(", ", shown));
            settings.addAll(outcome.settings());
            outcome.details().forEach(detail -> out.println("    " + detail));
        } catch (IOException e) {
            out.println("failed");
            failures.add("round " + round + " " + workload.id() + " " + transport.id() + " " + peer.displayName() + ": " + e.getMessage());
        }
    }

    /** The Artemis child may get its own classpath, so it runs on the Netty it is released against. */
    private String classpathOf(PeerVariant peer) throws IOException, URISyntaxException {
        String own = System.getProperty("java.class.path");
        if (peer.family() != PeerVariant.Family.ARTEMIS || options.artemisClasspath() == null) {
            return own;
        }
        Path benchmarkClasses = Path.of(PeerBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return benchmarkClasses + File.pathSeparator + Files.readString(options.artemisClasspath()).strip();
    }
}
