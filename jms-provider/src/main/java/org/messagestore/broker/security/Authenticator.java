package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;

/**
 * Checks the credentials a connection presents and says who it is. The broker calls it once per
 * connection, from the connecting thread, only with a user name: connections without credentials are
 * accepted or refused by the broker itself ({@code BrokerConfig.allowAnonymous}).
 *
 * <p>Implementations: {@link NoAuthentication} (accept everyone), {@link PlainUsersAuthenticator}
 * ({@code BrokerConfig.users}), {@link UsersFileAuthenticator} (hashed passwords and roles from a
 * file), {@link JaasAuthenticator} (a JAAS LoginModule). They must be safe to call from several
 * threads at once, and no message they produce may contain the password.
 */
public interface Authenticator {

    /**
     * The identity of {@code user}; JMSSecurityException, naming the user, when the credentials are
     * refused.
     *
     * @param user     the user name, never null
     * @param password the password, or null when the client gave none
     */
    Identity authenticate(String user, String password) throws JMSSecurityException;

    /** Whether connections need credentials at all; false only for {@link NoAuthentication}. */
    default boolean required() {
        return true;
    }

    /** The refusal every implementation uses, so that it does not tell an unknown user from a wrong password. */
    static JMSSecurityException refused(String user) {
        return new JMSSecurityException("user '" + user + "' is unknown or the password is wrong", "USER_REFUSED");
    }
}
