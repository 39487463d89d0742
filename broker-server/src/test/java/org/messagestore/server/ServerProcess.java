package org.messagestore.server;

import org.messagestore.config.ConfigKey;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link MessageStoreServer#main} in a child JVM on the test's classpath. Its standard output and error go
 * to a file, not a pipe: {@link Process#destroy()} closes the pipes, which would lose what the server
 * logs while it stops.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (?:tcp|ssl)://\\S+:(\\d+)[ ,]");

    private final Process process;
    private final Path outputFile;

    private ServerProcess(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
    }

    /** Starts the server in {@code workDir} with these arguments and {@code -D} system properties. */
    static ServerProcess start(Path workDir, List<String> args, Map<String, String> systemProperties) throws IOException {
        return start(workDir, args, systemProperties, Map.of());
    }

    /** Likewise with these {@code MESSAGESTORE_*} environment variables. */
    static ServerProcess start(Path workDir, List<String> args, Map<String, String> systemProperties,
                               Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("-Xmx256m");
        // Never the default metrics port: servers of other tests, or of another build, may hold it.
        command.add("-D" + ConfigKey.METRICS_PORT.systemProperty() + "=0");
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MessageStoreServer.class.getName());
        command.addAll(args);
        Path outputFile = Files.createTempFile(workDir, "server-", ".out");
        var builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(outputFile.toFile());
        // Settings of the machine running the tests must not leak into the child.
        builder.environment().keySet().removeIf(name -> name.startsWith(ConfigKey.ENVIRONMENT_PREFIX));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start(), outputFile);
    }

    /** The port from the "listening on" line; fails with the output when the process ends first. */
    int awaitPort() {
        await("server listening").atMost(Duration.ofSeconds(60))
                .until(() -> listeningPort() > 0 || !process.isAlive());
        int port = listeningPort();
        if (port <= 0) {
            throw new AssertionError("server ended with status " + awaitExit() + " before listening:\n" + outputText());
        }
        return port;
    }

    /** Sends SIGTERM (Process.destroy on Linux) and returns the exit status. */
    int terminate() {
        process.destroy();
        return awaitExit();
    }

    int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("server still running 60 s after it was asked to stop:\n" + outputText());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server", e);
        }
    }

    List<String> output() {
        try {
            return Files.readAllLines(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String outputText() {
        return String.join("\n", output());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int listeningPort() {
        for (String line : output()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }
}
