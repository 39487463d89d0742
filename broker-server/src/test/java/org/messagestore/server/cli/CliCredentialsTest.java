package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.security.PasswordHash;

/**
 * Logging in: where the password comes from, and the exit codes of a refused login (3) and of a missing
 * permission (4), against a broker with a users file and access rules.
 */
class CliCredentialsTest {

    private static final String OPS_PASSWORD = "ops password";
    private static final String APP_PASSWORD = "app password";

    @TempDir
    Path dir;

    private CliBroker broker;
    private Path opsPasswordFile;

    @BeforeEach
    void startSecuredBroker() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "ops = " + hash(OPS_PASSWORD) + " ; ops\napp = " + hash(APP_PASSWORD) + " ; app\n");
        Path rules = dir.resolve("access.rules");
        Files.writeString(rules, """
                broker = admin:ops
                queue:secret = send:ops; create:ops
                """);
        broker = CliBroker.start(dir.resolve("data"), Map.of("users.file", users.toString(),
                "accessRules.file", rules.toString()));
        opsPasswordFile = dir.resolve("ops.password");
        Files.writeString(opsPasswordFile, OPS_PASSWORD + "\n");
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void thePasswordComesFromAFile() {
        CliRun status = CliRun.run("status", "--user", "ops", "--password-file", opsPasswordFile.toString(),
                "--url", broker.url());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).doesNotContain(OPS_PASSWORD);
    }

    @Test
    void userAndPasswordComeFromTheEnvironment() {
        var env = Map.of(Credentials.USER_VARIABLE, "ops", Credentials.PASSWORD_VARIABLE, OPS_PASSWORD);

        CliRun status = CliRun.run(env, "status", "--url", broker.url());

        assertThat(status.exitCode()).as(status.toString()).isZero();
    }

    @Test
    void thePasswordIsAskedForAtTheConsole() {
        CliRun status = CliRun.with(Map.of()).typing(OPS_PASSWORD).run("status", "--user", "ops", "--url", broker.url());

        assertThat(status.exitCode()).as(status.toString()).isZero();
    }

    @Test
    void aRefusedLoginIsStatusThreeAndNeverShowsThePassword() {
        CliRun wrong = CliRun.run(Map.of(Credentials.PASSWORD_VARIABLE, "guessed-wrong"), "queue", "list",
                "--user", "ops", "--url", broker.url());
        CliRun anonymous = CliRun.run("queue", "list", "--url", broker.url());
        CliRun jms = CliRun.run(Map.of(Credentials.PASSWORD_VARIABLE, "guessed-wrong"), "send", "orders", "--text", "x",
                "--user", "app", "--url", broker.url());

        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(wrong.err()).contains("refused the login as 'ops'").doesNotContain("guessed-wrong");
        assertThat(anonymous.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(anonymous.err()).contains("without a user (give --user or MESSAGESTORE_USER)");
        assertThat(jms.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
    }

    @Test
    void aUserWithoutTheAdminPermissionIsStatusFour() {
        CliRun status = CliRun.run(Map.of(Credentials.PASSWORD_VARIABLE, APP_PASSWORD), "status", "--user", "app",
                "--url", broker.url());

        assertThat(status.exitCode()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(status.err()).startsWith("messagestore: not permitted:").contains("admin");
    }

    @Test
    void aSendTheRulesForbidIsStatusFourAndSendsNothing() throws Exception {
        CliRun sent = CliRun.run(Map.of(Credentials.PASSWORD_VARIABLE, APP_PASSWORD), "send", "secret", "--text", "x",
                "--user", "app", "--url", broker.url());

        assertThat(sent.exitCode()).as(sent.toString()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(broker.depth("secret", "ops", OPS_PASSWORD)).isZero();
    }

    @Test
    void anEmptyOrMissingPasswordFileIsAUsageError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.password"));

        CliRun fromEmpty = CliRun.run("status", "--user", "ops", "--password-file", empty.toString(), "--url", broker.url());
        CliRun fromMissing = CliRun.run("status", "--user", "ops", "--password-file", dir.resolve("none").toString(),
                "--url", broker.url());

        assertThat(fromEmpty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromEmpty.err()).contains("is empty");
        assertThat(fromMissing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromMissing.err()).contains("cannot read password file");
    }

    private static String hash(String password) {
        return PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    }
}
