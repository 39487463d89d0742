package org.messagestore.broker.security;

/**
 * Accepts every connection, with or without credentials, and takes the user name at its word. The
 * default when no users are configured: embedded brokers and tests need no setup. Identities have no
 * roles (anonymous ones the role {@value Identity#ANONYMOUS_ROLE}), so only access rules that grant to
 * {@code *} or the default access apply.
 */
public final class NoAuthentication implements Authenticator {

    public static final NoAuthentication INSTANCE = new NoAuthentication();

    private NoAuthentication() {
    }

    @Override
    public Identity authenticate(String user, String password) {
        return new Identity(user, java.util.Set.of());
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public String toString() {
        return "no authentication";
    }
}
