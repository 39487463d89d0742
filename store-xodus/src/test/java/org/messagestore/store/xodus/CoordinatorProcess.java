package org.messagestore.store.xodus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link XaCoordinator} in a child JVM with this JVM's classpath, for the XA crash tests: started,
 * watched through the lines it prints (in a file beside its stderr), resumed through its standard input,
 * and killed with SIGKILL or awaited until it exits.
 */
final class CoordinatorProcess implements AutoCloseable {

    private final Process child;
    private final Path stdout;
    private final Path stderr;

    private CoordinatorProcess(Process child, Path stdout, Path stderr) {
        this.child = child;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code XaCoordinator} with the given arguments; its output goes to {@code <logs>.out} and {@code <logs>.err}. */
    static CoordinatorProcess start(Path logs, List<String> args) throws IOException {
        Path out = logs.resolveSibling(logs.getFileName() + ".out");
        Path err = logs.resolveSibling(logs.getFileName() + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                XaCoordinator.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new CoordinatorProcess(child, out, err);
    }

    /** Every line printed so far. */
    List<String> lines() {
        try {
            return Files.readAllLines(stdout);
        } catch (IOException e) {
            return List.of();
        }
    }

    long count(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** The rest of the first line that starts with {@code prefix} and a space, if any. */
    Optional<String> first(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1)).findFirst();
    }

    /** Waits until a line starts with {@code prefix}; fails early if the coordinator exits first. */
    void awaitLine(String prefix, Duration atMost) {
        try {
            await().atMost(atMost)
                    .failFast("coordinator exited before printing " + prefix, () -> !child.isAlive() && count(prefix) == 0)
                    .until(() -> count(prefix) > 0);
        } catch (RuntimeException e) {
            throw new AssertionError("no " + prefix + " line from the coordinator; " + report(), e);
        }
    }

    /** Waits until at least {@code n} lines start with {@code prefix}, or the coordinator exited; true in the first case. */
    boolean awaitCount(String prefix, long n, Duration atMost) {
        try {
            await().atMost(atMost).until(() -> count(prefix) >= n || !child.isAlive());
        } catch (RuntimeException e) {
            throw new AssertionError("no " + n + " " + prefix + " lines from the coordinator; " + report(), e);
        }
        return count(prefix) >= n;
    }

    /** Sends a line on its standard input: a paused coordinator goes on. */
    void resume() throws IOException {
        OutputStream in = child.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** Waits for the coordinator to exit by itself and returns its exit status. */
    int awaitExit(Duration atMost) {
        try {
            await().atMost(atMost).until(() -> !child.isAlive());
        } catch (RuntimeException e) {
            throw new AssertionError("the coordinator did not exit; " + report(), e);
        }
        return child.exitValue();
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** SIGKILL (on Unix), and waits until the process is gone. */
    void kill() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
    }

    /** Its output and the tail of its stderr, for a failure message. */
    String report() {
        return "coordinator stdout:\n" + String.join("\n", lines()) + "\ncoordinator stderr (tail):\n"
                + BrokerProcess.tail(stderr, 40);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
