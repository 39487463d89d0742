package org.messagestore.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import org.messagestore.broker.security.PasswordHash;

/**
 * {@code messagestore user ...}: edits the broker's users file ({@code users.file}); no broker needed. The
 * broker reads the file when it starts, so a change takes effect at its next start.
 *
 * <p>The new password is the first line of {@code --password-file}, else {@value #PASSWORD_VARIABLE}, else
 * typed twice at the console. Not {@code MESSAGESTORE_PASSWORD}: that is the operator's own password for
 * the broker, often exported in the shell, and a new user must not silently receive it.
 */
@Command(name = "user", description = "Add users to a users file and change their passwords (the broker reads the "
        + "file when it starts).",
        footerHeading = "%nPassword:%n",
        footer = "The first line of --password-file, else " + UserCommands.PASSWORD_VARIABLE
                + ", else typed twice at the console (not echoed).")
final class UserCommands extends CommandGroup {

    static final String PASSWORD_VARIABLE = "MESSAGESTORE_NEW_PASSWORD";

    @Command(name = "add", description = "Add a user with a password and roles.")
    int add(@Parameters(paramLabel = "<name>", description = "the user") String name,
            @Option(names = "--roles", paramLabel = "<role>", split = ",",
                    description = "the user's roles, comma-separated") List<String> roles,
            @Option(names = "--users-file", required = true, paramLabel = "<path>",
                    description = "the users file; created when missing") Path usersFile) throws IOException {
        CommandLine command = spec.commandLine().getSubcommands().get("add");
        checkName(command, name, "user name");
        Set<String> roleSet = new LinkedHashSet<>(roles == null ? List.of() : roles);
        for (String role : roleSet) {
            checkName(command, role, "role");
        }
        new UsersFileEditor(usersFile).add(name, PasswordHash.of(newPassword(name)), roleSet);
        return cli.print(ResultTable.ofRow(row(name, "added", usersFile)));
    }

    @Command(name = "passwd", description = "Change a user's password; the roles stay.")
    int passwd(@Parameters(paramLabel = "<name>", description = "the user") String name,
               @Option(names = "--users-file", required = true, paramLabel = "<path>",
                       description = "the users file") Path usersFile) throws IOException {
        checkName(spec.commandLine().getSubcommands().get("passwd"), name, "user name");
        new UsersFileEditor(usersFile).changePassword(name, PasswordHash.of(newPassword(name)));
        return cli.print(ResultTable.ofRow(row(name, "password changed", usersFile)));
    }

    private static Map<String, Object> row(String user, String change, Path usersFile) {
        Map<String, Object> row = ResultTable.row();
        row.put("user", user);
        row.put("change", change);
        row.put("usersFile", usersFile.toString());
        return row;
    }

    /** What a users file line can hold: no white space, and nothing the file's syntax gives a meaning. */
    private static void checkName(CommandLine command, String name, String what) {
        if (name.isEmpty() || name.chars().anyMatch(ch -> Character.isWhitespace(ch) || "=;,".indexOf(ch) >= 0)
                || name.startsWith("#") || name.startsWith("!")) {
            throw new ParameterException(command, "a " + what + " must be non-empty, without white space, '=', ';' or "
                    + "',' and not start with '#' or '!'; got '" + name + "'");
        }
    }

    private char[] newPassword(String user) {
        char[] password;
        if (cli.passwordFile() != null) {
            password = Credentials.firstLine(cli.passwordFile()).toCharArray();
        } else if (cli.context().environment().get(PASSWORD_VARIABLE) != null) {
            password = cli.context().environment().get(PASSWORD_VARIABLE).toCharArray();
        } else if (cli.context().prompt() != null) {
            password = cli.context().prompt().read("new password of '" + user + "': ");
            char[] again = cli.context().prompt().read("again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                throw new CommandFailure(ExitCodes.USAGE, "the two passwords differ (or input ended); nothing changed");
            }
            Arrays.fill(again, '\0');
        } else {
            throw new CommandFailure(ExitCodes.USAGE, "no password: give --password-file or " + PASSWORD_VARIABLE
                    + ", or run in a terminal to type it");
        }
        if (password.length == 0) {
            throw new CommandFailure(ExitCodes.USAGE, "an empty password is not allowed; nothing changed");
        }
        return password;
    }
}
