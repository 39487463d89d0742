package org.messagestore.ra.outbound;

import java.util.Objects;

/** Who a pooled connection logs in as; a null user connects without credentials. */
public record Credentials(String user, String password) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials that && Objects.equals(user, that.user) && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(user);
    }

    @Override
    public String toString() {
        return user == null ? "no user" : "user '" + user + "'";
    }
}
