package org.messagestore.store.xodus;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CrashWriter} in a child JVM, and what it printed: the tests start it, wait for some
 * completions, stop or kill it, and then check the store against what it reported durable.
 */
final class CrashWriterRun {

    private final Process child;
    private final Path stderr;
    private final AtomicInteger completions = new AtomicInteger();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private CrashWriterRun(Process child, Path stderr) {
        this.child = child;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "crash-test-reader");
        reader.start();
    }

    /** Starts a writer on the store in {@code data}, its first message id {@code firstId}; its stderr goes to {@code stderr}. */
    static CrashWriterRun start(Path data, long firstId, Path stderr) throws IOException {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaCommand, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), data.toString(), Long.toString(firstId))
                .redirectError(stderr.toFile())
                .start();
        return new CrashWriterRun(child, stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                completions.incrementAndGet();
            }
        } catch (IOException e) {
            lines.add("READ-FAILED " + e);
        }
    }

    /** Waits until the writer has printed {@code count} lines. */
    void awaitCompletions(int count) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(60))
                    .failFast(() -> !child.isAlive())
                    .until(() -> completions.get() >= count);
        } catch (RuntimeException e) {
            kill();
            throw new AssertionError("child failed: " + Files.readString(stderr), e);
        }
    }

    /** Freezes the writer (SIGSTOP): it writes nothing more, and what it printed so far is final. */
    void freeze() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).inheritIO().start();
        if (!stop.waitFor(30, TimeUnit.SECONDS) || stop.exitValue() != 0) {
            throw new IOException("kill -STOP " + child.pid() + " failed");
        }
    }

    /** SIGKILL, then waits for the child and for the end of its output. */
    void kill() {
        child.destroyForcibly();
        try {
            child.waitFor();
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds what the killed writer reported: sends completed, acknowledgements submitted and
     * acknowledgements completed. Returns one above the highest id it reported.
     */
    long collect(Set<Long> added, Set<Long> ackSubmitted, Set<Long> removed) {
        long highest = 0;
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
        return highest + 1;
    }
}
