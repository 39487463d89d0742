package org.messagestore.benchmarks;

import java.io.PrintStream;

/**
 * What a child JVM tells the driver, one tab-separated line each on standard output: {@code RESULT} lines
 * are numbers for the table, {@code SETTING} lines say how the peer was configured (printed once per run),
 * {@code DETAIL} lines are printed under the child's progress line (store counters).
 */
final class WorkloadReport {

    static final String RESULT = "RESULT";
    static final String SETTING = "SETTING";
    static final String DETAIL = "DETAIL";

    /** Which way a number is better, so the table knows which peer is best and which way a ratio leans. */
    enum Better { HIGHER, LOWER }

    private final PrintStream out;

    WorkloadReport(PrintStream out) {
        this.out = out;
    }

    /** A number for the table, e.g. row "W3 4 producers, 4 consumers", metric "msg/s consumed". */
    void result(String row, String metric, Better better, double value) {
        out.println(RESULT + "\t" + row + "\t" + metric + "\t" + better + "\t" + value);
        out.flush();
    }

    void setting(String text) {
        out.println(SETTING + "\t" + text);
        out.flush();
    }

    void detail(String text) {
        out.println(DETAIL + "\t" + text);
        out.flush();
    }
}
