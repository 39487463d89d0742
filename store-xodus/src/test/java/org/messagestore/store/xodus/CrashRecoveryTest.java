package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, Testing: a writer in a child JVM is killed with SIGKILL at a random moment; after
 * reopening, every send whose future completed is there exactly once unless an acknowledgement was
 * submitted for it (an acknowledgement in flight at the kill may or may not have committed), and every
 * completed acknowledgement is gone.
 */
class CrashRecoveryTest {

    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void completedSendsSurviveSigkillExactlyOnceAndCompletedAcksStayGone() throws Exception {
        Path data = dir.resolve("data");
        Set<Long> added = new HashSet<>();
        Set<Long> ackSubmitted = new HashSet<>();
        Set<Long> removed = new HashSet<>();
        long nextId = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            nextId = runAndKill(data, nextId, added, ackSubmitted, removed);

            try (XodusMessageStore store = open(data)) {
                List<Long> present = ids(readAll(store, CrashWriter.QUEUE, 500));
                assertThat(new HashSet<>(present)).as("no duplicates").hasSameSizeAs(present);
                Set<Long> mustBePresent = new HashSet<>(added);
                mustBePresent.removeAll(ackSubmitted);
                assertThat(present).as("kill %d: completed sends", kill).containsAll(mustBePresent);
                assertThat(present).as("kill %d: completed acks", kill).doesNotContainAnyElementsOf(removed);
                assertThat(store.recover().highestMessageId()).isGreaterThanOrEqualTo(added.stream().mapToLong(Long::longValue).max().orElse(0));
                // next run continues above every id the killed writer may have used
                nextId = Math.max(nextId, store.recover().highestMessageId() + 1);
            }
        }
    }

    /** Starts the writer, kills it after a random number of completions, and collects what it printed. */
    private long runAndKill(Path data, long firstId, Set<Long> added, Set<Long> ackSubmitted, Set<Long> removed)
            throws IOException {
        CrashWriterRun writer = CrashWriterRun.start(data, firstId, dir.resolve("child-" + firstId + ".err"));
        writer.awaitCompletions(ThreadLocalRandom.current().nextInt(200, 2000));
        writer.kill();
        int before = added.size();
        long next = writer.collect(added, ackSubmitted, removed);
        assertThat(added.size()).isGreaterThan(before);
        return Math.max(next, firstId + 1);
    }
}
