package org.messagestore.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;

/** One run of the command line in the test's JVM: its exit status and what it printed. */
record CliRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    static CliRun run(Map<String, String> environment, String... args) {
        return with(environment).run(args);
    }

    static Runner with(Map<String, String> environment) {
        return new Runner(environment, new Properties(), "", null);
    }

    /** The run's standard output read as JSON (of a run with {@code --json}). */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }

    /** The environment, system properties, standard input and console answers of a run. */
    record Runner(Map<String, String> environment, Properties systemProperties, String stdin, String[] typed) {

        Runner stdin(String text) {
            return new Runner(environment, systemProperties, text, typed);
        }

        Runner systemProperties(Properties properties) {
            return new Runner(environment, properties, stdin, typed);
        }

        /** A terminal where someone types these lines, one for each password asked for. */
        Runner typing(String... lines) {
            return new Runner(environment, systemProperties, stdin, lines);
        }

        CliRun run(String... args) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            SecretPrompt prompt = null;
            if (typed != null) {
                Deque<String> answers = new ArrayDeque<>(Arrays.asList(typed));
                prompt = question -> answers.isEmpty() ? null : answers.poll().toCharArray();
            }
            var context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment, systemProperties,
                    prompt, false);
            int exit = MessageStoreCli.run(context, args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
