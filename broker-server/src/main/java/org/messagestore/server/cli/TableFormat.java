package org.messagestore.server.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A {@link ResultTable} for people: a header and aligned columns, numbers right-aligned so that their
 * digits line up, a missing value shown as {@code -}. A cell never spans lines: control characters in a
 * value (a message body, say) are shown escaped, or they would break the alignment.
 */
final class TableFormat {

    private static final String GAP = "  ";

    private TableFormat() {
    }

    static void print(ResultTable table, PrintStream out) {
        print(table, out, true);
    }

    static void print(ResultTable table, PrintStream out, boolean header) {
        List<String> columns = table.columns();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = header ? columns.get(c).length() : 0;
            for (var row : table.rows()) {
                widths[c] = Math.max(widths[c], cell(row.get(columns.get(c))).length());
            }
        }
        var line = new StringBuilder();
        if (header) {
            for (int c = 0; c < columns.size(); c++) {
                pad(line, columns.get(c), widths[c], false, c == columns.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
        for (var row : table.rows()) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                Object value = row.get(columns.get(c));
                pad(line, cell(value), widths[c], value instanceof Number, c == columns.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void pad(StringBuilder line, String text, int width, boolean right, boolean last) {
        String padding = " ".repeat(width - text.length());
        line.append(right ? padding + text : text + (last ? "" : padding));
        if (!last) {
            line.append(GAP);
        }
    }

    /** The text of one cell, on one line. */
    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        var cell = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\n' -> cell.append("\\n");
                case '\r' -> cell.append("\\r");
                case '\t' -> cell.append("\\t");
                default -> {
                    if (Character.isISOControl(ch)) {
                        cell.append(String.format("\\u%04x", (int) ch));
                    } else {
                        cell.append(ch);
                    }
                }
            }
        }
        return cell.toString();
    }
}
