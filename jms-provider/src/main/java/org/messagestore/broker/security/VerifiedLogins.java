package org.messagestore.broker.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials that passed the authenticator a moment ago, remembered for {@value #REMEMBER_MILLIS} ms
 * (as Artemis's default security invalidation interval) so that a client reconnecting in a loop, or a
 * pool opening many connections at once, does not pay the full password hash each time. No password
 * is kept: only a SHA-256 of it with a random salt of this broker's. At most {@value #MAX_USERS} users
 * are remembered, the least recently used forgotten first. Failed logins are never remembered.
 *
 * <p>Threads: any; guarded by {@code this}.
 */
final class VerifiedLogins {

    static final long REMEMBER_MILLIS = 10_000;
    private static final int MAX_USERS = 1_000;

    private record Verified(byte[] digest, Identity identity, long until) {
    }

    private final byte[] salt = new byte[16];
    private final Map<String, Verified> byUser = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > MAX_USERS;
        }
    };

    VerifiedLogins() {
        new SecureRandom().nextBytes(salt);
    }

    /** The identity of {@code user} when these credentials were verified within the last interval, else null. */
    synchronized Identity find(String user, String password, long now) {
        Verified verified = byUser.get(user);
        if (verified == null || verified.until() <= now) {
            return null;
        }
        return MessageDigest.isEqual(verified.digest(), digest(password)) ? verified.identity() : null;
    }

    synchronized void remember(String user, String password, Identity identity, long now) {
        byUser.put(user, new Verified(digest(password), identity, now + REMEMBER_MILLIS));
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
