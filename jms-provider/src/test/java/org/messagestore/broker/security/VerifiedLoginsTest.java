package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSSecurityException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A login the authenticator accepted is remembered briefly; a failed one never is. */
class VerifiedLoginsTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final Authenticator counting = (user, password) -> {
        asked.incrementAndGet();
        if (!"secret".equals(password)) {
            throw Authenticator.refused(user);
        }
        return new Identity(user, Set.of("app"));
    };
    private final ConnectionLogin login = new ConnectionLogin("test", counting, false);

    @Test
    void aReconnectWithTheSameCredentialsSkipsTheAuthenticator() throws Exception {
        assertThat(login.login("app", "secret").roles()).containsExactly("app");
        assertThat(login.login("app", "secret").roles()).containsExactly("app");

        assertThat(asked).hasValue(1);
    }

    @Test
    void anotherPasswordIsCheckedAndRefused() throws Exception {
        login.login("app", "secret");

        assertThatThrownBy(() -> login.login("app", "guess")).isInstanceOf(JMSSecurityException.class);
        assertThat(asked).hasValue(2);
    }

    @Test
    void aFailedLoginIsNotRemembered() {
        assertThatThrownBy(() -> login.login("app", "guess")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> login.login("app", "guess")).isInstanceOf(JMSSecurityException.class);

        assertThat(asked).hasValue(2);
    }

    @Test
    void credentialsAreForgottenAfterTheInterval() {
        VerifiedLogins verified = new VerifiedLogins();
        Identity identity = new Identity("app", Set.of());
        verified.remember("app", "secret", identity, 1_000);

        assertThat(verified.find("app", "secret", 1_000 + VerifiedLogins.REMEMBER_MILLIS - 1)).isSameAs(identity);
        assertThat(verified.find("app", "secret", 1_000 + VerifiedLogins.REMEMBER_MILLIS)).isNull();
        assertThat(verified.find("app", "other", 1_001)).isNull();
    }
}
