package org.messagestore.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who the tool logs in to the broker as. The password never comes from the command line, where the
 * process list and the shell history would show it: it is the first line of {@code --password-file}, else
 * {@value #PASSWORD_VARIABLE}, else typed at the console without echo when a user is named.
 *
 * @param user     {@code --user}, else {@value #USER_VARIABLE}; null logs in without a user
 * @param password null when none was given
 */
record Credentials(String user, String password) {

    static final String USER_VARIABLE = "MESSAGESTORE_USER";
    static final String PASSWORD_VARIABLE = "MESSAGESTORE_PASSWORD";

    static Credentials resolve(String userOption, Path passwordFile, String url, CliContext context) {
        String user = userOption != null ? userOption : context.environment().get(USER_VARIABLE);
        if (passwordFile != null) {
            return new Credentials(user, firstLine(passwordFile));
        }
        String password = context.environment().get(PASSWORD_VARIABLE);
        if (password == null && user != null && context.prompt() != null) {
            char[] typed = context.prompt().read("password of '" + user + "' at " + url + ": ");
            password = typed == null ? null : new String(typed);
        }
        return new Credentials(user, password);
    }

    /** The first line of {@code file}, without its line end; a missing or empty file is a usage error. */
    static String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new CommandFailure(ExitCodes.USAGE, "password file " + file + " is empty; its first line is the password");
            }
            return line;
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + (password == null ? ", no password]" : ", password given]");
    }
}
