package org.messagestore.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.IntStream;
import org.messagestore.benchmarks.WorkloadReport.Better;

/**
 * Every number of a run, by row (workload, transport, metric), peer and round. Prints a Markdown table of
 * each peer's mean over rounds and, for each of our peers, the ratio to the best other peer held to the
 * spec (for MessageStore itself) and to the best other peer as shipped. A ratio above 1 always favours
 * our peer: ours / best for rates, best / ours for times and sizes. A peer without a value shows "-".
 */
final class ResultTable {

    private record Row(String workload, String transport, String metric, Better better) {
    }

    /** A ratio column: {@code ours} against the best of the others that are (or are not) held to the spec. */
    private record Comparison(PeerVariant ours, boolean heldToSpec) {
        String title() {
            return ours.displayName() + " / best " + (heldToSpec ? "held to spec" : "as shipped");
        }
    }

    private final Map<Row, Map<PeerVariant, Map<Integer, Double>>> values = new LinkedHashMap<>();
    /** Peers shown in a row but left out of its ratios, as they do not keep their guarantee there. */
    private final Map<Row, Set<PeerVariant>> uncompared = new LinkedHashMap<>();

    /** One value; {@code compared} false keeps the peer out of the row's ratios. */
    void add(int round, PeerVariant peer, boolean compared, String workload, String transport, String metric, Better better,
             double value) {
        var row = new Row(workload, transport, metric, better);
        values.computeIfAbsent(row, r -> new LinkedHashMap<>())
                .computeIfAbsent(peer, p -> new LinkedHashMap<>())
                .put(round, value);
        if (!compared) {
            uncompared.computeIfAbsent(row, r -> new HashSet<>()).add(peer);
        }
    }

    void printMarkdown(PrintStream out, List<PeerVariant> peers, int rounds) {
        List<Comparison> comparisons = comparisons(peers);
        var header = new ArrayList<>(List.of("Workload", "Transport", "Metric"));
        peers.forEach(peer -> header.add(peer.displayName()));
        comparisons.forEach(comparison -> header.add(comparison.title()));
        out.println(line(header));
        // Labels left-aligned, numbers right-aligned.
        out.println(line(IntStream.range(0, header.size()).mapToObj(i -> i < 3 ? "---" : "---:").toList()));

        Row previous = null;
        for (Row row : rowsByWorkloadAndTransport()) {
            Map<PeerVariant, Map<Integer, Double>> byPeer = values.get(row);
            boolean sameWorkload = previous != null && previous.workload().equals(row.workload());
            boolean sameTransport = sameWorkload && previous.transport().equals(row.transport());
            var cells = new ArrayList<>(List.of(sameWorkload ? "" : row.workload(), sameTransport ? "" : row.transport(), row.metric()));
            for (PeerVariant peer : peers) {
                cells.add(number(mean(byPeer.get(peer))));
            }
            for (Comparison comparison : comparisons) {
                cells.add(ratio(row.better(), byPeer, uncompared.getOrDefault(row, Set.of()), comparison, peers, rounds));
            }
            out.println(line(cells));
            previous = row;
        }
    }

    /**
     * Rows in the order they first came, but those of one workload and transport together: a workload's
     * second child (W7's DUPS_OK drain) adds a metric to rows that came before the other transport's.
     */
    private List<Row> rowsByWorkloadAndTransport() {
        var groups = new LinkedHashMap<List<String>, List<Row>>();
        values.keySet().forEach(row -> groups.computeIfAbsent(List.of(row.workload(), row.transport()), key -> new ArrayList<>()).add(row));
        return groups.values().stream().flatMap(List::stream).toList();
    }

    /** MessageStore against both kinds of other peer; a variant of ours not held to the spec only against peers as shipped. */
    private static List<Comparison> comparisons(List<PeerVariant> peers) {
        var comparisons = new ArrayList<Comparison>();
        for (PeerVariant ours : peers.stream().filter(PeerVariant::ours).toList()) {
            if (ours.heldToSpec()) {
                comparisons.add(new Comparison(ours, true));
            }
            comparisons.add(new Comparison(ours, false));
        }
        return comparisons;
    }

    private static String ratio(Better better, Map<PeerVariant, Map<Integer, Double>> byPeer, Set<PeerVariant> uncompared,
                                Comparison comparison, List<PeerVariant> peers, int rounds) {
        OptionalDouble ours = mean(byPeer.get(comparison.ours()));
        Comparator<PeerVariant> byMean = Comparator.comparingDouble(peer -> mean(byPeer.get(peer)).orElseThrow());
        Optional<PeerVariant> best = peers.stream()
                .filter(peer -> !peer.ours() && peer.heldToSpec() == comparison.heldToSpec() && !uncompared.contains(peer)
                        && mean(byPeer.get(peer)).isPresent())
                .max(better == Better.HIGHER ? byMean : byMean.reversed());
        if (ours.isEmpty() || best.isEmpty()) {
            return "-";
        }
        String cell = String.format("%.2f (%s", favouring(better, ours.getAsDouble(), mean(byPeer.get(best.get())).getAsDouble()),
                best.get().displayName());
        if (rounds > 1) {
            var perRound = new ArrayList<String>();
            for (int round = 1; round <= rounds; round++) {
                Double mine = byPeer.get(comparison.ours()).get(round);
                Double theirs = byPeer.get(best.get()).get(round);
                perRound.add(mine == null || theirs == null ? "-" : String.format("%.2f", favouring(better, mine, theirs)));
            }
            cell += "; per round " + String.join(" ", perRound);
        }
        return cell + ")";
    }

    /** Above 1 when ours is better, whichever way the metric goes. */
    private static double favouring(Better better, double ours, double theirs) {
        return better == Better.HIGHER ? ours / theirs : theirs / ours;
    }

    /** Empty when the peer has no value for the row: it did not run the workload, or every run failed. */
    private static OptionalDouble mean(Map<Integer, Double> byRound) {
        return byRound == null ? OptionalDouble.empty() : byRound.values().stream().mapToDouble(Double::doubleValue).average();
    }

    private static String number(OptionalDouble value) {
        if (value.isEmpty()) {
            return "-";
        }
        double v = value.getAsDouble();
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
