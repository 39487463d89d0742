package org.messagestore.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResultTable} for scripts: a JSON array (RFC 8259) of one object per row, keys in column order,
 * numbers and booleans as JSON numbers and booleans, a missing value as {@code null}.
 *
 * <p>Written by hand rather than with a JSON library: the output is a flat array of objects with scalar
 * values, which takes the string escaping of RFC 8259 section 7 and little else, and the tool's jar then
 * carries no JSON library for it. Tests read the output back with Jackson.
 */
final class JsonFormat {

    private JsonFormat() {
    }

    static void print(ResultTable table, PrintStream out) {
        out.println(write(table));
    }

    static String write(ResultTable table) {
        List<Map<String, Object>> rows = table.rows();
        if (rows.isEmpty()) {
            return "[]";
        }
        var json = new StringBuilder("[\n");
        for (int r = 0; r < rows.size(); r++) {
            json.append("  {");
            boolean first = true;
            for (String column : table.columns()) {
                if (!first) {
                    json.append(", ");
                }
                first = false;
                string(json, column);
                json.append(": ");
                value(json, rows.get(r).get(column));
            }
            json.append(r == rows.size() - 1 ? "}\n" : "},\n");
        }
        return json.append(']').toString();
    }

    private static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // RFC 8259 section 6 has no NaN or Infinity.
            json.append(Double.isFinite(number) ? value.toString() : "null");
        } else if (value instanceof Number) {
            json.append(value);
        } else {
            string(json, value.toString());
        }
    }

    /** RFC 8259 section 7: quotation mark, reverse solidus and the control characters U+0000 to U+001F are escaped. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }
}
