package org.messagestore.server.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command prints: columns in display order and rows mapping a column to a String, a number, a
 * Boolean or null. The same shape as the broker's admin results, kept here so that the commands the tool
 * runs itself (browse, send, receive, config check) print the same way.
 */
record ResultTable(List<String> columns, List<Map<String, Object>> rows) {

    ResultTable {
        columns = List.copyOf(columns);
        var copies = new ArrayList<Map<String, Object>>(rows.size());
        for (Map<String, Object> row : rows) {
            // LinkedHashMap: values may be null, which Map.copyOf refuses.
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }

    /** A table of one row whose columns are the row's keys, in order. */
    static ResultTable ofRow(Map<String, Object> row) {
        return new ResultTable(new ArrayList<>(row.keySet()), List.of(row));
    }

    /** A one-row builder that keeps the order of its columns. */
    static Map<String, Object> row() {
        return new LinkedHashMap<>();
    }
}
