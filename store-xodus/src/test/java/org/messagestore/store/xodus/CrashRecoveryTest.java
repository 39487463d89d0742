package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
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
            throws IOException, InterruptedException {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("child-" + firstId + ".err");
        Process child = new ProcessBuilder(javaCommand, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), data.toString(), Long.toString(firstId))
                .redirectError(stderr.toFile())
                .start();
        int killAfter = ThreadLocalRandom.current().nextInt(200, 2000);
        AtomicInteger completions = new AtomicInteger();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    completions.incrementAndGet();
                }
            } catch (IOException e) {
                lines.add("READ-FAILED " + e);
            }
        }, "crash-test-reader");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .failFast(() -> !child.isAlive())
                    .until(() -> completions.get() >= killAfter);
        } catch (RuntimeException e) {
            throw new AssertionError("child failed: " + Files.readString(stderr), e);
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix
            child.waitFor();
        }
        reader.join();
        long highest = firstId;
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith("A ")) {
                    long id = Long.parseLong(line.substring(2));
                    added.add(id);
                    highest = Math.max(highest, id);
                } else if (line.startsWith("S ")) {
                    ackSubmitted.add(Long.parseLong(line.substring(2)));
                } else if (line.startsWith("R ")) {
                    removed.add(Long.parseLong(line.substring(2)));
                }
            }
        }
        assertThat(added).isNotEmpty();
        return highest + 1;
    }
}
