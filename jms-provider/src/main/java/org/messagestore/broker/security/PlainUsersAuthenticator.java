package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Users and plain-text passwords given in code ({@code BrokerConfig.withUsers}): for embedded brokers
 * and tests, where the password is in the program anyway. Users have no roles. A broker run from
 * configuration files should use a {@link UsersFileAuthenticator}, which stores only hashes.
 */
public final class PlainUsersAuthenticator implements Authenticator {

    private final Map<String, String> users;

    public PlainUsersAuthenticator(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public Identity authenticate(String user, String password) throws JMSSecurityException {
        String expected = users.get(user);
        if (expected == null || password == null || !sameSecret(expected, password)) {
            throw Authenticator.refused(user);
        }
        return new Identity(user, Set.of());
    }

    /** Compares in constant time, so the time taken does not reveal how much of a password matched. */
    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return users.size() + " configured user(s)";
    }
}
