package org.messagestore.server.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.messagestore.broker.security.PasswordHash;
import org.messagestore.broker.security.UsersFile;

/**
 * Adds a user to a users file, or changes a user's password, in the format {@link UsersFile} reads, and
 * keeps every other line (comments included) as it was. The file is replaced in one step: the new text is
 * written to a temporary file beside it, forced to disk, checked by {@link UsersFile#parse} and renamed over
 * the old one, so a broker starting meanwhile, or a crash, sees the old file or the new one, never half of
 * one. On any error the file is left as it was.
 */
final class UsersFileEditor {

    private static final String HEADER = "# MessageStore users: user = password hash [; role, role...]";

    private final Path file;

    UsersFileEditor(Path file) {
        this.file = file;
    }

    /** Adds {@code user}; creates the file when there is none. Refuses a user the file already has. */
    void add(String user, PasswordHash password, Set<String> roles) throws IOException {
        List<String> lines = Files.exists(file) ? read() : new ArrayList<>(List.of(HEADER));
        if (lineOf(user, lines) >= 0) {
            throw new CommandFailure(ExitCodes.FAILED, "user '" + user + "' is already in " + file
                    + "; 'user passwd' changes the password");
        }
        lines.add(user + " = " + password.encoded() + (roles.isEmpty() ? "" : " ; " + String.join(", ", roles)));
        replace(lines);
    }

    /** Gives {@code user} a new password and keeps the roles. Refuses a user the file does not have. */
    void changePassword(String user, PasswordHash password) throws IOException {
        if (!Files.exists(file)) {
            throw new CommandFailure(ExitCodes.FAILED, "users file " + file + " does not exist");
        }
        List<String> lines = read();
        int index = lineOf(user, lines);
        if (index < 0) {
            throw new CommandFailure(ExitCodes.FAILED, "user '" + user + "' is not in " + file + "; 'user add' adds it");
        }
        String rest = lines.get(index).substring(lines.get(index).indexOf('=') + 1);
        int semicolon = rest.indexOf(';');
        lines.set(index, user + " = " + password.encoded() + (semicolon < 0 ? "" : " " + rest.substring(semicolon).strip()));
        replace(lines);
    }

    /** The lines of the file, which must be a valid users file: a broken one is not edited further. */
    private List<String> read() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        check(lines);
        return lines;
    }

    /** The index of the line of {@code user}, found as {@link UsersFile} finds it; -1 when there is none. */
    private static int lineOf(String user, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!") || line.indexOf('=') < 0) {
                continue;
            }
            if (line.substring(0, line.indexOf('=')).strip().equals(user)) {
                return i;
            }
        }
        return -1;
    }

    private void check(List<String> lines) {
        try {
            UsersFile.parse(file.toString(), lines);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.FAILED, e.getMessage() + "; the file was not changed", e);
        }
    }

    private void replace(List<String> lines) throws IOException {
        check(lines);
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        // Created readable by its owner only (POSIX), which suits a file of password hashes.
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (Files.exists(target)) {
                keepPermissions(target, temporary);
            }
            byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the new file gets that system's defaults.
        }
    }
}
