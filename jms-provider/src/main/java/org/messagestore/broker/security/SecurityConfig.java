package org.messagestore.broker.security;

import java.util.Map;
import java.util.Objects;

/**
 * How a broker checks who connects and what they may do ({@code BrokerConfig.withSecurity}).
 *
 * @param authenticator checks credentials; null (the default): derived from {@code BrokerConfig.users},
 *                      which is {@link NoAuthentication} when there are none and a
 *                      {@link PlainUsersAuthenticator} otherwise
 * @param access        the access rules; default {@link AccessRules#ALLOW_ALL}
 */
public record SecurityConfig(Authenticator authenticator, AccessRules access) {

    public SecurityConfig {
        access = access == null ? AccessRules.ALLOW_ALL : access;
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(null, AccessRules.ALLOW_ALL);
    }

    public SecurityConfig withAuthenticator(Authenticator newAuthenticator) {
        return new SecurityConfig(Objects.requireNonNull(newAuthenticator, "authenticator"), access);
    }

    public SecurityConfig withAccessRules(AccessRules rules) {
        return new SecurityConfig(authenticator, Objects.requireNonNull(rules, "rules"));
    }

    /** The authenticator in force, given the plain users configured on the broker. */
    public Authenticator authenticatorFor(Map<String, String> plainUsers) {
        if (authenticator != null) {
            return authenticator;
        }
        return plainUsers.isEmpty() ? NoAuthentication.INSTANCE : new PlainUsersAuthenticator(plainUsers);
    }
}
