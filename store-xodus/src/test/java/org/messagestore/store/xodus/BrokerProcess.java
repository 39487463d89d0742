package org.messagestore.store.xodus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link CrashBroker} in a child JVM on a data directory, listening on an ephemeral port of
 * 127.0.0.1, for the crash tests: started, then killed with SIGKILL. Its output goes to files beside
 * {@code stderr}, whose tail a failing test reports.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process child;
    private final Path stderr;
    private final int port;

    private BrokerProcess(Process child, Path stderr, int port) {
        this.child = child;
        this.stderr = stderr;
        this.port = port;
    }

    static BrokerProcess start(Path data, String name, Path stderr) throws IOException {
        Path stdout = stderr.resolveSibling(stderr.getFileName() + ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashBroker.class.getName(), data.toString(), name)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            return new BrokerProcess(child, stderr, awaitPort(child, stdout, stderr));
        } catch (RuntimeException | Error e) {
            child.destroyForcibly();
            throw e;
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** SIGKILL (on Unix), and waits until the process is gone. */
    void kill() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
    }

    /** The last lines the broker wrote to stderr, for a failure report. */
    String stderrTail(int lines) {
        return tail(stderr, lines);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int awaitPort(Process child, Path out, Path err) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(30))
                    .failFast("broker JVM exited before it listened", () -> !child.isAlive())
                    .until(() -> Files.readString(out).contains("\n"));
        } catch (RuntimeException e) {
            throw new AssertionError("broker JVM did not start:\n" + tail(err, 40), e);
        }
        String line = Files.readString(out).lines().filter(l -> l.startsWith("PORT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no PORT line from the broker JVM"));
        return Integer.parseInt(line.substring(5).trim());
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }
}
