package org.messagestore.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every number of a run, by row (scenario and metric), peer and round; prints each peer's mean over rounds
 * and the ratio of the first peer to each other one, with the ratio of each round to show how noisy the
 * machine was. A peer that did not run a scenario shows "-".
 */
final class ResultTable {

    private static final int SCENARIO_WIDTH = 56;
    private static final int METRIC_WIDTH = 15;

    private record Row(String scenario, String metric) {
    }

    private final Map<Row, Map<String, Map<Integer, Double>>> values = new LinkedHashMap<>();

    void add(int round, String peer, String scenario, String metric, double value) {
        values.computeIfAbsent(new Row(scenario, metric), row -> new LinkedHashMap<>())
                .computeIfAbsent(peer, p -> new LinkedHashMap<>())
                .put(round, value);
    }

    /** Prints every peer's mean, then {@code peers[0]} / each later peer: the ratio of means and per round. */
    void print(PrintStream out, List<String> peers, int rounds) {
        String first = peers.get(0);
        List<String> others = peers.subList(1, peers.size());
        int perRoundWidth = Math.max("per round".length(), rounds * 5 - 1);
        var header = new StringBuilder(pad("scenario", SCENARIO_WIDTH) + " " + pad("metric", METRIC_WIDTH));
        peers.forEach(peer -> header.append(" ").append(padLeft(peer, columnWidth(peer))));
        others.forEach(peer -> header.append("   ").append(padLeft("vs " + peer, columnWidth("vs " + peer)))
                .append(" ").append(pad("per round", perRoundWidth)));
        out.println(header.toString().stripTrailing());

        String lastScenario = null;
        for (var entry : values.entrySet()) {
            Row row = entry.getKey();
            var line = new StringBuilder(pad(row.scenario().equals(lastScenario) ? "" : row.scenario(), SCENARIO_WIDTH)
                    + " " + pad(row.metric(), METRIC_WIDTH));
            Map<Integer, Double> mine = entry.getValue().getOrDefault(first, Map.of());
            for (String peer : peers) {
                line.append(" ").append(padLeft(number(mean(entry.getValue().get(peer))), columnWidth(peer)));
            }
            for (String peer : others) {
                Map<Integer, Double> theirs = entry.getValue().get(peer);
                line.append("   ").append(padLeft(ratio(mean(mine), mean(theirs)), columnWidth("vs " + peer)))
                        .append(" ").append(pad(ratiosPerRound(mine, theirs, rounds), perRoundWidth));
            }
            out.println(line.toString().stripTrailing());
            lastScenario = row.scenario();
        }
    }

    private static String ratiosPerRound(Map<Integer, Double> mine, Map<Integer, Double> theirs, int rounds) {
        if (theirs == null) {
            return "-";
        }
        List<String> perRound = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Double x = mine.get(round);
            Double y = theirs.get(round);
            perRound.add(x == null || y == null ? "-" : String.format("%.2f", x / y));
        }
        return String.join(" ", perRound);
    }

    private static String ratio(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? String.format("%.2f", a.getAsDouble() / b.getAsDouble()) : "-";
    }

    /** Empty when the peer has no value for the row: it did not run the scenario, or every run failed. */
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

    private static int columnWidth(String title) {
        return Math.max(9, title.length());
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }

    private static String padLeft(String text, int width) {
        return String.format("%" + width + "s", text);
    }
}
