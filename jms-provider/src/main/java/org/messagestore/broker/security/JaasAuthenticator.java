package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.URIParameter;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Delegates the password check to JAAS (Java Authentication and Authorization Service): the login
 * modules of one entry of a login {@link Configuration} get the user name and password through a
 * {@link NameCallback} and a {@link PasswordCallback}. The identity's roles are the names of the
 * principals the login put into the subject whose class is one of {@code rolePrincipalClasses}
 * (for example {@code org.example.RolePrincipal}); other principals are ignored.
 *
 * <p>The configuration is given to this authenticator rather than taken from the JVM-wide
 * {@code java.security.auth.login.config} property, so that brokers in one JVM can use different
 * ones. {@link #fromFile} reads a file in the JDK's login configuration syntax:
 *
 * <pre>
 * messagestore {
 *     com.example.LdapLoginModule required url="ldap://...";
 * };
 * </pre>
 *
 * <p>The login is ended ({@link LoginContext#logout()}) once the roles are read: the broker keeps the
 * identity, not the subject.
 */
public final class JaasAuthenticator implements Authenticator {

    private final String entry;
    private final Configuration configuration;
    private final Set<String> rolePrincipalClasses;

    /**
     * @param entry                the name of the login configuration entry to use
     * @param configuration        the login configuration; null: the JVM's ({@link Configuration#getConfiguration()})
     * @param rolePrincipalClasses fully qualified class names of the principals that are roles
     */
    public JaasAuthenticator(String entry, Configuration configuration, Set<String> rolePrincipalClasses) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.configuration = configuration;
        this.rolePrincipalClasses = Set.copyOf(rolePrincipalClasses);
    }

    /** Uses entry {@code entry} of the login configuration file {@code file}. */
    public static JaasAuthenticator fromFile(Path file, String entry, Set<String> rolePrincipalClasses) {
        try {
            Configuration configuration = Configuration.getInstance("JavaLoginConfig", new URIParameter(file.toUri()));
            if (configuration.getAppConfigurationEntry(entry) == null) {
                throw new IllegalArgumentException("JAAS login configuration " + file + " has no entry '" + entry + "'");
            }
            return new JaasAuthenticator(entry, configuration, rolePrincipalClasses);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot read JAAS login configuration " + file + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    @Override
    public Identity authenticate(String user, String password) throws JMSSecurityException {
        Subject subject = new Subject();
        LoginContext login;
        try {
            login = new LoginContext(entry, subject, new Credentials(user, password), configuration);
        } catch (LoginException | SecurityException e) {
            throw failure("cannot start JAAS login entry '" + entry + "' for user '" + user + "'", e);
        }
        try {
            login.login();
        } catch (LoginException e) {
            // The module's message is left out: modules may word it to reveal whether the user exists.
            throw failure("user '" + user + "' is unknown or the password is wrong (JAAS entry '" + entry + "')", e);
        }
        Set<String> roles = subject.getPrincipals().stream()
                .filter(p -> rolePrincipalClasses.contains(p.getClass().getName()))
                .map(Principal::getName)
                .collect(Collectors.toUnmodifiableSet());
        try {
            login.logout();
        } catch (LoginException e) {
            // The identity is complete; a module that cannot clean up does not refuse the user.
        }
        return new Identity(user, roles);
    }

    private static JMSSecurityException failure(String message, Exception cause) {
        JMSSecurityException e = new JMSSecurityException(message, "USER_REFUSED");
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    @Override
    public String toString() {
        return "JAAS login entry '" + entry + "'";
    }

    /** Answers the login modules' questions with what the client sent. */
    private record Credentials(String user, String password) implements CallbackHandler {
        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password == null ? null : password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback, "the broker can only give a user name and a password");
                }
            }
        }

        @Override
        public String toString() {
            return "credentials of user '" + user + "'"; // not the record's default, which would show the password
        }
    }
}
