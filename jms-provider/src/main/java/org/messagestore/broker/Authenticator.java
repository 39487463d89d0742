package org.messagestore.broker;

import jakarta.jms.JMSSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks credentials against the configured users. With no users configured authentication is off;
 * otherwise a connection needs a known user and its password, or no credentials at all when anonymous
 * connections are allowed.
 */
record Authenticator(String brokerName, Map<String, String> users, boolean allowAnonymous) {

    void authenticate(String user, String password) throws JMSSecurityException {
        if (users.isEmpty()) {
            return;
        }
        if (user == null) {
            if (allowAnonymous) {
                return;
            }
            throw new JMSSecurityException("broker '" + brokerName + "' does not accept anonymous connections; supply a user and password");
        }
        String expected = users.get(user);
        if (expected == null || password == null || !sameSecret(expected, password)) {
            throw new JMSSecurityException("user '" + user + "' is unknown to broker '" + brokerName + "' or the password is wrong");
        }
    }

    /** Compares in constant time, so the time taken does not reveal how much of a password matched. */
    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
