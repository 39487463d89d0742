package org.messagestore.benchmarks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Errors raised on load threads; a scenario with any of them reports failure instead of numbers. */
final class Failures {

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    void add(Throwable error) {
        errors.add(error);
    }

    /** Throws the first error, with the others attached, if any thread failed. */
    void throwIfAny() throws Exception {
        if (errors.isEmpty()) {
            return;
        }
        var first = new Exception("a load thread failed: " + errors.get(0), errors.get(0));
        errors.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }
}
