package org.messagestore.benchmarks;

import java.io.PrintStream;

/**
 * What a child JVM tells the driver, one tab-separated line each on standard output: {@code RESULT} lines
 * are numbers for the table, {@code DETAIL} lines are printed as they are (store counters, settings).
 */
final class ScenarioReport {

    static final String RESULT = "RESULT";
    static final String DETAIL = "DETAIL";

    private final PrintStream out;

    ScenarioReport(PrintStream out) {
        this.out = out;
    }

    /** A number for the table, e.g. scenario "send, 4 producers", metric "msg/s". */
    void result(String scenario, String metric, double value) {
        out.println(RESULT + "\t" + scenario + "\t" + metric + "\t" + value);
        out.flush();
    }

    void detail(String text) {
        out.println(DETAIL + "\t" + text);
        out.flush();
    }
}
