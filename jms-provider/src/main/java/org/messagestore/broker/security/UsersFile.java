package org.messagestore.broker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users of a broker, read from a UTF-8 text file with one user a line:
 *
 * <pre>
 * # user = password hash [; role, role...]
 * alice = pbkdf2-sha256:600000:3q2+7w...==:Jm9v...= ; app, admin
 * bob   = pbkdf2-sha256:600000:c2FsdA==:aGFzaA==
 * </pre>
 *
 * The hash is the output of {@link PasswordHash} (its command line prints one); plain passwords are
 * refused. Blank lines and lines starting with {@code #} or {@code !} are ignored. A user name is
 * everything before the first {@code =}, trimmed, and must contain no white space; roles are
 * separated by commas. A mistake stops the whole file with IllegalArgumentException naming the file
 * and the line (never the line's text, which might hold a password typed in by mistake).
 *
 * @param source where the users came from, for messages
 * @param users  user name → entry, in file order
 */
public record UsersFile(String source, Map<String, Entry> users) {

    /** One user: the hash of the password and the roles. */
    public record Entry(String user, PasswordHash password, Set<String> roles) {
        public Entry {
            roles = Set.copyOf(roles);
        }
    }

    public UsersFile {
        users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    public static UsersFile load(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file + ": " + e.getMessage(), e);
        }
    }

    public static UsersFile parse(String source, List<String> lines) {
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            Entry entry = parseLine(line, source, i + 1);
            if (users.putIfAbsent(entry.user(), entry) != null) {
                throw error(source, i + 1, "user '" + entry.user() + "' is listed twice");
            }
        }
        return new UsersFile(source, users);
    }

    private static Entry parseLine(String line, String source, int number) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw error(source, number, "expected 'user = password hash [; role, role...]'");
        }
        String user = line.substring(0, eq).strip();
        if (user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)) {
            throw error(source, number, "a user name must be non-empty and without white space");
        }
        String rest = line.substring(eq + 1);
        int semicolon = rest.indexOf(';');
        String hash = (semicolon < 0 ? rest : rest.substring(0, semicolon)).strip();
        Set<String> roles = semicolon < 0 ? Set.of() : roles(rest.substring(semicolon + 1), source, number);
        try {
            return new Entry(user, PasswordHash.parse(hash), roles);
        } catch (IllegalArgumentException e) {
            throw error(source, number, "the password of user '" + user + "' is " + e.getMessage());
        }
    }

    private static Set<String> roles(String list, String source, int number) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : Arrays.stream(list.split(",")).map(String::strip).toList()) {
            if (role.isEmpty() || role.chars().anyMatch(Character::isWhitespace)) {
                throw error(source, number, "roles must be a comma-separated list of names without white space");
            }
            roles.add(role);
        }
        return roles;
    }

    private static IllegalArgumentException error(String source, int line, String problem) {
        return new IllegalArgumentException("users file " + source + ", line " + line + ": " + problem);
    }

    public Optional<Entry> user(String name) {
        return Optional.ofNullable(users.get(name));
    }
}
