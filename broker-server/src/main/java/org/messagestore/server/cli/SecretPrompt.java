package org.messagestore.server.cli;

import java.io.Console;

/**
 * Asks the person at the terminal for a secret without echoing it. An interface so that tests can answer
 * in place of a person: surefire's JVM has no console.
 */
@FunctionalInterface
interface SecretPrompt {

    /** What was typed, or null when the input ended. */
    char[] read(String prompt);

    /** The prompt of {@code console}, which turns echo off while reading; null when there is no console. */
    static SecretPrompt of(Console console) {
        return console == null ? null : prompt -> console.readPassword("%s", prompt);
    }
}
