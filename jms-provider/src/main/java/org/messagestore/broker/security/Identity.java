package org.messagestore.broker.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who a connection acts for, fixed when it is opened: the user name it logged in with and the roles
 * its authenticator found. Access rules grant permissions to roles.
 *
 * @param user  the user name, or null for an anonymous connection
 * @param roles the user's roles; an anonymous connection has the single role {@value #ANONYMOUS_ROLE}
 */
public record Identity(String user, Set<String> roles) {

    /** The role of every connection opened without credentials (when the broker allows that). */
    public static final String ANONYMOUS_ROLE = "anonymous";

    public Identity {
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    public static Identity anonymous() {
        return new Identity(null, Set.of(ANONYMOUS_ROLE));
    }

    public boolean isAnonymous() {
        return user == null;
    }

    /** For messages: {@code user 'alice'} or {@code an anonymous user}. */
    public String describe() {
        return user == null ? "an anonymous user" : "user '" + user + "'";
    }
}
