package org.messagestore.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link PeerRun} for one peer, workload and transport in a child JVM with that peer's classpath, and
 * collects what it reports. Each run gets a fresh JVM so no broker shares heap, JIT state or idle threads
 * with another; its standard error (warnings, errors) passes through.
 */
final class ChildJvm {

    private static final long TIMEOUT_MINUTES = 30;

    private final String classpath;
    private final String heap;

    ChildJvm(String classpath, String heap) {
        this.classpath = classpath;
        this.heap = heap;
    }

    /** Lines reported by the child, after it exited successfully: results, settings and other details. */
    record Outcome(List<String[]> results, List<String> settings, List<String> details) {
    }

    Outcome run(String peer, String workloadId, Transport transport, List<String> options) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                // Xodus makes its FileChannel uninterruptible through this (store-xodus/pom.xml).
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                // Artemis's audit loggers log every message at INFO; no broker logs on its hot path at WARN.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // Narayana logs through JBoss Logging, which would otherwise write INFO lines through java.util.logging.
                "-Dorg.jboss.logging.provider=slf4j",
                "-cp", classpath,
                PeerRun.class.getName(), peer, workloadId, transport.id()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // Read on a thread of its own so a hung child still meets the timeout below.
        Thread reader = new Thread(() -> collect(process, peer, outcome), "benchmark-child-output");
        reader.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new IOException(peer + " " + workloadId + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        reader.join();
        if (process.exitValue() != 0) {
            throw new IOException(peer + " " + workloadId + " failed with exit status " + process.exitValue()
                    + " (its log is above)");
        }
        return outcome;
    }

    private static void collect(Process process, String peer, Outcome outcome) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String[] fields = line.split("\t");
                switch (fields[0]) {
                    case WorkloadReport.RESULT -> outcome.results().add(fields);
                    case WorkloadReport.SETTING -> outcome.settings().add(fields[1]);
                    case WorkloadReport.DETAIL -> outcome.details().add(fields[1]);
                    default -> System.out.println("  [" + peer + "] " + line);
                }
            }
        } catch (IOException e) {
            // The child's output ended abnormally; its exit status tells the driver what happened.
            outcome.details().add("output of " + peer + " ended early: " + e);
        }
    }
}
