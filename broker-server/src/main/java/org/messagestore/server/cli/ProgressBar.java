package org.messagestore.server.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar for long purges, moves and retries, redrawn in place with a carriage return:
 * {@code moving [##########----------]  50% 5000/10000}, or a running count when the total is unknown.
 * Draws only when the text changes, so a broker reporting every message does not flood the terminal.
 * Called on whichever thread delivers the broker's progress; {@code synchronized} keeps lines whole.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final String label;
    private final PrintStream err;
    private String drawn = "";

    ProgressBar(String label, PrintStream err) {
        this.label = label;
        this.err = err;
    }

    /** Progress as the broker reports it: {@code total} is -1 while unknown. */
    synchronized void progress(long done, long total) {
        String text = render(done, total);
        if (!text.equals(drawn)) {
            // Spaces rub out the tail of a longer line drawn before.
            err.print("\r" + text + " ".repeat(Math.max(0, drawn.length() - text.length())));
            err.flush();
            drawn = text;
        }
    }

    /** Ends the line, when anything was drawn, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (!drawn.isEmpty()) {
            err.println();
            drawn = "";
        }
    }

    String render(long done, long total) {
        if (total < 0) {
            return label + " " + done;
        }
        long shown = Math.min(done, total);
        int percent = total == 0 ? 100 : (int) (shown * 100 / total);
        int filled = total == 0 ? WIDTH : (int) (shown * WIDTH / total);
        return String.format("%s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                percent, shown, total);
    }
}
