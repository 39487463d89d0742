package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;
import java.nio.file.Path;

/**
 * Checks passwords against the hashes of a {@link UsersFile}; the identity gets the user's roles from
 * the file. The file is read once, when this is created.
 *
 * <p>An unknown user costs as much time as a known one with a wrong password (a dummy hash with the
 * file's highest iteration count is checked), so response times do not reveal which user names exist.
 */
public final class UsersFileAuthenticator implements Authenticator {

    private final UsersFile users;
    private final PasswordHash dummy;

    public UsersFileAuthenticator(UsersFile users) {
        this.users = users;
        int iterations = users.users().values().stream().mapToInt(e -> e.password().iterations())
                .max().orElse(PasswordHash.MIN_ITERATIONS);
        this.dummy = PasswordHash.of("not a password".toCharArray(), iterations);
    }

    public static UsersFileAuthenticator load(Path file) {
        return new UsersFileAuthenticator(UsersFile.load(file));
    }

    @Override
    public Identity authenticate(String user, String password) throws JMSSecurityException {
        char[] given = password == null ? new char[0] : password.toCharArray();
        var entry = users.user(user);
        boolean matches = entry.map(e -> e.password()).orElse(dummy).matches(given);
        if (entry.isEmpty() || password == null || !matches) {
            throw Authenticator.refused(user);
        }
        return new Identity(user, entry.get().roles());
    }

    @Override
    public String toString() {
        return "users file " + users.source();
    }
}
