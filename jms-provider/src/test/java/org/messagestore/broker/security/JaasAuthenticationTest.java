package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in through a JAAS login module configured per broker, not through the JVM-wide property. */
class JaasAuthenticationTest {

    private static final Set<String> ROLE_CLASSES = Set.of(TestLoginModule.RolePrincipal.class.getName());

    @TempDir
    Path dir;

    private Path loginConfig(String fileName, String users) throws Exception {
        Path file = dir.resolve(fileName);
        Files.write(file, List.of(
                "messagestore-test {",
                "    " + TestLoginModule.class.getName() + " required users=\"" + users + "\";",
                "};"));
        return file;
    }

    private SecuredBroker broker(Path loginConfig, AccessRules rules) throws Exception {
        JaasAuthenticator jaas = JaasAuthenticator.fromFile(loginConfig, "messagestore-test", ROLE_CLASSES);
        return new SecuredBroker(c -> c.withSecurity(SecurityConfig.defaults().withAuthenticator(jaas).withAccessRules(rules)));
    }

    @Test
    void loginModuleDecidesWhoConnects() throws Exception {
        try (SecuredBroker broker = broker(loginConfig("jaas.conf", "dave:dave-pw:ops"), AccessRules.ALLOW_ALL)) {
            broker.connect("dave", "dave-pw").createSession().close();
            assertThatThrownBy(() -> broker.connect("dave", "guess"))
                    .isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("dave").hasMessageContaining("messagestore-test")
                    .hasMessageNotContaining("guess");
        }
    }

    @Test
    void rolesComeFromPrincipalsOfTheConfiguredClass() throws Exception {
        Identity identity = JaasAuthenticator.fromFile(loginConfig("jaas.conf", "dave:dave-pw:ops|app"),
                "messagestore-test", ROLE_CLASSES).authenticate("dave", "dave-pw");

        // The UserPrincipal is not of a role class, so "dave" is no role.
        assertThat(identity).isEqualTo(new Identity("dave", Set.of("ops", "app")));
    }

    @Test
    void jaasRolesAreUsedByTheAccessRules() throws Exception {
        AccessRules rules = AccessRules.parse("rules", List.of("default = deny", "queue:ops.> = send:ops; create:ops"));
        try (SecuredBroker broker = broker(loginConfig("jaas.conf", "dave:dave-pw:ops,erin:erin-pw:"), rules)) {
            Session dave = broker.connect("dave", "dave-pw").createSession();
            dave.createProducer(dave.createQueue("ops.jobs")).send(dave.createTextMessage("run"));

            Session erin = broker.connect("erin", "erin-pw").createSession();
            assertThatThrownBy(() -> erin.createProducer(erin.createQueue("ops.jobs")).send(erin.createTextMessage("run")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("user 'erin'");
        }
    }

    @Test
    void twoBrokersInOneJvmUseTheirOwnLoginConfiguration() throws Exception {
        try (SecuredBroker first = broker(loginConfig("first.conf", "dave:first-pw:"), AccessRules.ALLOW_ALL);
             SecuredBroker second = broker(loginConfig("second.conf", "dave:second-pw:"), AccessRules.ALLOW_ALL)) {
            first.connect("dave", "first-pw").createSession().close();
            second.connect("dave", "second-pw").createSession().close();
            assertThatThrownBy(() -> first.connect("dave", "second-pw")).isInstanceOf(JMSSecurityException.class);
        }
        assertThat(System.getProperty("java.security.auth.login.config")).isNull();
    }

    @Test
    void missingEntryIsReportedWhenConfigured() throws Exception {
        Path file = loginConfig("jaas.conf", "dave:dave-pw:");

        assertThatThrownBy(() -> JaasAuthenticator.fromFile(file, "other", ROLE_CLASSES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entry 'other'");
    }
}
