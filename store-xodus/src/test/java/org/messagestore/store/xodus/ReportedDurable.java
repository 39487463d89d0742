package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link CrashWriter}s reported, gathered over one run or several, and what a store reopened after
 * their end must hold: every send reported durable once (unless an acknowledgement was submitted for
 * it: one in flight at the end may or may not have been made durable), no acknowledgement reported
 * durable undone.
 */
final class ReportedDurable {

    private final Set<Long> added = new HashSet<>();
    private final Set<Long> ackSubmitted = new HashSet<>();
    private final Set<Long> removed = new HashSet<>();

    /** Adds what {@code run} printed; returns one above the highest id it reported. */
    long add(CrashWriterRun run) {
        int before = added.size();
        long next = run.collect(added, ackSubmitted, removed);
        assertThat(added.size()).as("sends the writer reported").isGreaterThan(before);
        return next;
    }

    long highestAdded() {
        return added.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    void assertHeldBy(XodusMessageStore store, String moment) {
        List<Long> present = ids(readAll(store, CrashWriter.QUEUE, 500));
        assertThat(new HashSet<>(present)).as("%s: no duplicates", moment).hasSameSizeAs(present);
        Set<Long> mustBePresent = new HashSet<>(added);
        mustBePresent.removeAll(ackSubmitted);
        assertThat(present).as("%s: completed sends", moment).containsAll(mustBePresent);
        assertThat(present).as("%s: completed acknowledgements", moment).doesNotContainAnyElementsOf(removed);
    }
}
