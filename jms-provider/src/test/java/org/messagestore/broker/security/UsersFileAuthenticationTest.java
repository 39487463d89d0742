package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with a users file, through the JMS API. */
class UsersFileAuthenticationTest {

    @TempDir
    Path dir;

    private Path usersFile;

    @BeforeEach
    void writeUsersFile() throws Exception {
        usersFile = dir.resolve("users.properties");
        Files.write(usersFile, List.of(
                "# test users",
                "alice = " + PasswordHash.of("alice-pw".toCharArray(), 1_000) + " ; app",
                "bob = " + PasswordHash.of("bob-pw".toCharArray(), 1_000)));
    }

    private SecuredBroker broker(boolean allowAnonymous) throws Exception {
        return new SecuredBroker(c -> c.withAllowAnonymous(allowAnonymous)
                .withSecurity(SecurityConfig.defaults().withAuthenticator(UsersFileAuthenticator.load(usersFile))));
    }

    @Test
    void userWithTheRightPasswordConnects() throws Exception {
        try (SecuredBroker broker = broker(false)) {
            broker.connect("alice", "alice-pw").createSession().close();
            broker.connect("bob", "bob-pw").createSession().close();
        }
    }

    @Test
    void wrongPasswordIsRefusedNamingTheUserButNotThePassword() throws Exception {
        try (SecuredBroker broker = broker(false)) {
            assertThatThrownBy(() -> broker.connect("alice", "guess-1"))
                    .isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("alice")
                    .hasMessageNotContaining("guess-1");
        }
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() throws Exception {
        try (SecuredBroker broker = broker(false)) {
            assertThatThrownBy(() -> broker.connect("mallory", "alice-pw"))
                    .isInstanceOf(JMSSecurityException.class)
                    .hasMessage("user 'mallory' is unknown or the password is wrong");
        }
    }

    @Test
    void missingPasswordIsRefused() throws Exception {
        try (SecuredBroker broker = broker(false)) {
            assertThatThrownBy(() -> broker.connect("alice", null)).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anonymousConnectionIsRefusedUnlessAllowed() throws Exception {
        try (SecuredBroker broker = broker(false)) {
            assertThatThrownBy(() -> broker.connect(null, null))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("anonymous");
            assertThatThrownBy(() -> broker.factory().createContext())
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
        try (SecuredBroker broker = broker(true)) {
            broker.connect(null, null).createSession().close();
            assertThatThrownBy(() -> broker.connect("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void plainUsersOfTheBrokerConfigStillWork() throws Exception {
        try (SecuredBroker broker = new SecuredBroker(c -> c.withUsers(Map.of("carol", "carol-pw")))) {
            broker.connect("carol", "carol-pw").createSession().close();
            assertThatThrownBy(() -> broker.connect("carol", "nope")).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void withoutUsersEveryoneConnects() throws Exception {
        try (SecuredBroker broker = new SecuredBroker(c -> c)) {
            broker.connect(null, null).createSession().close();
            broker.connect("anyone", "anything").createSession().close();
        }
    }

    @Test
    void configToStringShowsUserNamesButNotPasswords() throws Exception {
        try (SecuredBroker broker = new SecuredBroker(c -> c.withUsers(Map.of("carol", "carol-pw")))) {
            assertThat(broker.broker.config().toString()).contains("carol").doesNotContain("carol-pw");
        }
    }
}
