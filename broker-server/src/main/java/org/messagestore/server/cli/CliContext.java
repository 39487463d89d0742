package org.messagestore.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * What a run of the command line works with, passed in rather than taken from {@link System} so that tests
 * run commands in their own JVM and read what they print.
 *
 * @param out              results: tables or JSON
 * @param err              errors and the progress bar
 * @param in               the body of {@code send} when no {@code --text} is given
 * @param environment      {@code MESSAGESTORE_USER}, {@code MESSAGESTORE_PASSWORD}, and the server's
 *                         {@code MESSAGESTORE_<KEY>} overrides for {@code config check}
 * @param systemProperties the server's {@code messagestore.<key>} overrides for {@code config check}
 * @param prompt           asks for passwords; null when no one is at a terminal
 * @param terminal         whether a person watches stderr, so that a progress bar helps rather than
 *                         filling a log with carriage returns
 */
record CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment,
                  Properties systemProperties, SecretPrompt prompt, boolean terminal) {

    /** The context of this process: its streams, environment and console. */
    static CliContext ofProcess() {
        var console = System.console();
        return new CliContext(System.out, System.err, System.in, System.getenv(), System.getProperties(),
                SecretPrompt.of(console), console != null);
    }
}
