package org.messagestore.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to one management command: a table. People see it as aligned columns, scripts as JSON.
 *
 * @param columns the column names, in display order
 * @param rows    each row maps column names to a String, Integer, Long, Double, Boolean or null
 */
public record AdminResult(List<String> columns, List<Map<String, Object>> rows) {

    private static final Set<Class<?>> VALUE_TYPES = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class);

    public AdminResult {
        columns = List.copyOf(columns);
        List<Map<String, Object>> copies = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                if (value != null && !VALUE_TYPES.contains(value.getClass())) {
                    throw new IllegalArgumentException("an admin result cannot hold a " + value.getClass().getName());
                }
            }
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }

    /** A one-row result, e.g. {@code single("removed", 12L)}. */
    public static AdminResult single(String column, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(column, value);
        return new AdminResult(List.of(column), List.of(row));
    }

    /** The value in the first row's {@code column}, or null. */
    public Object first(String column) {
        return rows.isEmpty() ? null : rows.get(0).get(column);
    }
}
