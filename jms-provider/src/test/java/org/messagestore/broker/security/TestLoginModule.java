package org.messagestore.broker.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * A JAAS login module for tests. Its option {@code users} lists {@code name:password:role|role}
 * entries separated by commas; a successful login adds a {@link UserPrincipal} and one
 * {@link RolePrincipal} per role.
 */
public final class TestLoginModule implements LoginModule {

    public record UserPrincipal(String getName) implements Principal {
    }

    public record RolePrincipal(String getName) implements Principal {
    }

    private Subject subject;
    private CallbackHandler callbacks;
    private String users;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.users = (String) options.get("users");
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        String given = password.getPassword() == null ? "" : new String(password.getPassword());
        for (String entry : users.split(",")) {
            String[] parts = entry.strip().split(":", -1);
            if (parts[0].equals(name.getName()) && parts[1].equals(given)) {
                added.add(new UserPrincipal(parts[0]));
                for (String role : parts[2].split("\\|")) {
                    if (!role.isEmpty()) {
                        added.add(new RolePrincipal(role));
                    }
                }
                return true;
            }
        }
        throw new FailedLoginException("no such user or wrong password");
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        added.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        return true;
    }
}
