package org.messagestore.ra.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the MDBs of the test application saw, by name; the tests wait on it (no fixed sleeps). */
public final class Journal {

    private static final Map<String, List<String>> ENTRIES = new HashMap<>();

    private Journal() {
    }

    public static synchronized void record(String name, String entry) {
        ENTRIES.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
        Journal.class.notifyAll();
    }

    /** The first {@code count} entries under {@code name}, waiting up to {@code timeout} for them. */
    public static synchronized List<String> await(String name, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (entries(name).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " entries under '" + name + "' within " + timeout
                        + ", got " + entries(name));
            }
            Journal.class.wait(Math.max(1, left / 1_000_000));
        }
        return new ArrayList<>(entries(name).subList(0, count));
    }

    public static synchronized List<String> entries(String name) {
        return ENTRIES.getOrDefault(name, List.of());
    }
}
