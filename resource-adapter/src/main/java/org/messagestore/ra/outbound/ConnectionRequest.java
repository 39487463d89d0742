package org.messagestore.ra.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * What an application asked for: the credentials of {@code createConnection(user, password)}
 * (component-managed sign-on), or none. The pool matches connections on it.
 */
record ConnectionRequest(String user, String password) implements ConnectionRequestInfo {

    static final ConnectionRequest DEFAULT = new ConnectionRequest(null, null);

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionRequest that && Objects.equals(user, that.user)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(user);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[user=" + user + "]";
    }
}
