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
 * Runs {@link PeerRun} for one peer and one scenario in a child JVM with that peer's classpath, and
 * collects what it reports. Each run gets a fresh JVM so neither broker shares heap, JIT state or idle
 * threads with the other; its standard error (warnings, errors) passes through.
 */
final class ChildJvm {

    private static final long TIMEOUT_MINUTES = 30;

    private final String classpath;
    private final String heap;

    ChildJvm(String classpath, String heap) {
        this.classpath = classpath;
        this.heap = heap;
    }

    /** Lines reported by the child, after it exited successfully. */
    record Outcome(List<String[]> results, List<String> details) {
    }

    Outcome run(String peer, String scenarioId, List<String> options) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                // Xodus makes its FileChannel uninterruptible through this (store-xodus/pom.xml).
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                // Artemis's audit loggers log every message at INFO; neither broker logs on its hot path at WARN.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath,
                PeerRun.class.getName(), peer, scenarioId));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var results = new ArrayList<String[]>();
        var details = new ArrayList<String>();
        // Read on a thread of its own so a hung child still meets the timeout below.
        Thread reader = new Thread(() -> collect(process, peer, results, details), "benchmark-child-output");
        reader.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new IOException(peer + " " + scenarioId + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        reader.join();
        if (process.exitValue() != 0) {
            throw new IOException(peer + " " + scenarioId + " failed with exit status " + process.exitValue()
                    + " (its log is above)");
        }
        return new Outcome(results, details);
    }

    private static void collect(Process process, String peer, List<String[]> results, List<String> details) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String[] fields = line.split("\t");
                switch (fields[0]) {
                    case ScenarioReport.RESULT -> results.add(fields);
                    case ScenarioReport.DETAIL -> details.add(fields[1]);
                    default -> System.out.println("  [" + peer + "] " + line);
                }
            }
        } catch (IOException e) {
            // The child's output ended abnormally; its exit status tells the driver what happened.
            details.add("output of " + peer + " ended early: " + e);
        }
    }
}
