package org.messagestore.broker.security;

import jakarta.jms.JMSSecurityException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's front door: decides whether a connection without credentials may open, and asks the
 * {@link Authenticator} about those with, remembering for a few seconds the credentials it accepted
 * ({@link VerifiedLogins}). Passwords are never logged; user names are.
 */
public final class ConnectionLogin {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLogin.class);

    private final String brokerName;
    private final Authenticator authenticator;
    private final boolean allowAnonymous;
    private final VerifiedLogins verified = new VerifiedLogins();

    private final LongAdder failures = new LongAdder();

    public ConnectionLogin(String brokerName, Authenticator authenticator, boolean allowAnonymous) {
        this.brokerName = brokerName;
        this.authenticator = authenticator;
        this.allowAnonymous = allowAnonymous;
    }

    public Identity login(String user, String password) throws JMSSecurityException {
        if (user == null) {
            if (allowAnonymous || !authenticator.required()) {
                return Identity.anonymous();
            }
            failures.increment();
            throw new JMSSecurityException("broker '" + brokerName
                    + "' does not accept anonymous connections; supply a user and password", "ANONYMOUS_REFUSED");
        }
        long now = System.currentTimeMillis();
        Identity remembered = password == null ? null : verified.find(user, password, now);
        if (remembered != null) {
            return remembered;
        }
        try {
            Identity identity = authenticator.authenticate(user, password);
            if (password != null) {
                verified.remember(user, password, identity, now);
            }
            LOG.debug("broker '{}': user '{}' logged in with roles {} ({})", brokerName, user, identity.roles(), authenticator);
            return identity;
        } catch (JMSSecurityException e) {
            failures.increment();
            LOG.debug("broker '{}': user '{}' refused by {}", brokerName, user, authenticator);
            throw e;
        }
    }

    /** Logins refused since start (bad credentials, or anonymous where not allowed). */
    public long failures() {
        return failures.sum();
    }

    @Override
    public String toString() {
        return authenticator + (allowAnonymous ? ", anonymous connections allowed" : "");
    }
}
