package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.security.UsersFile;
import org.messagestore.client.MessageStoreConnectionFactory;

/** {@code user add} and {@code user passwd}: the users file a broker then logs users in with. */
class CliUserCommandsTest {

    @TempDir
    Path dir;

    @Test
    void anAddedUserLogsInToABrokerStartedOnTheFile() throws Exception {
        Path users = dir.resolve("users.properties");
        CliRun added = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "s3cret"))
                .run("user", "add", "alice", "--roles", "app,admin", "--users-file", users.toString());

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("alice").contains("added").doesNotContain("s3cret");
        assertThat(Files.readString(users)).doesNotContain("s3cret");
        var entry = UsersFile.load(users).user("alice").orElseThrow();
        assertThat(entry.roles()).containsExactlyInAnyOrder("app", "admin");
        assertThat(entry.password().matches("s3cret".toCharArray())).isTrue();

        try (CliBroker broker = CliBroker.start(dir.resolve("data"), Map.of("users.file", users.toString()))) {
            new MessageStoreConnectionFactory(broker.url()).createConnection("alice", "s3cret").close();
            assertThatThrownBy(() -> new MessageStoreConnectionFactory(broker.url()).createConnection("alice", "wrong"))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void addKeepsTheOtherLinesAndCommentsOfTheFile() throws Exception {
        Path users = dir.resolve("users.properties");
        add(users, "alice", "one");
        Files.writeString(users, Files.readString(users) + "# the batch jobs\n");

        CliRun added = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "two"))
                .run("user", "add", "bob", "--users-file", users.toString());

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(Files.readString(users)).contains("# the batch jobs\nbob = pbkdf2-sha256:");
        var file = UsersFile.load(users);
        assertThat(file.users()).containsOnlyKeys("alice", "bob");
        assertThat(file.user("bob").orElseThrow().roles()).isEmpty();
    }

    @Test
    void passwdChangesThePasswordAndKeepsTheRoles() throws Exception {
        Path users = dir.resolve("users.properties");
        CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "old")).run("user", "add", "alice", "--roles", "ops",
                "--users-file", users.toString());
        Path passwordFile = dir.resolve("new-password");
        Files.writeString(passwordFile, "new password\nignored second line\n");

        CliRun changed = CliRun.run("user", "passwd", "alice", "--users-file", users.toString(),
                "--password-file", passwordFile.toString());

        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        var entry = UsersFile.load(users).user("alice").orElseThrow();
        assertThat(entry.password().matches("new password".toCharArray())).isTrue();
        assertThat(entry.password().matches("old".toCharArray())).isFalse();
        assertThat(entry.roles()).containsExactly("ops");
    }

    @Test
    void thePasswordTypedTwiceAtTheConsoleIsUsed() throws Exception {
        Path users = dir.resolve("users.properties");

        CliRun added = CliRun.with(Map.of()).typing("typed", "typed").run("user", "add", "carol", "--users-file",
                users.toString());

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(UsersFile.load(users).user("carol").orElseThrow().password().matches("typed".toCharArray())).isTrue();
    }

    @Test
    void differentPasswordsAtTheConsoleChangeNothing() throws Exception {
        Path users = dir.resolve("users.properties");
        add(users, "alice", "one");
        String before = Files.readString(users);

        CliRun added = CliRun.with(Map.of()).typing("typed", "tpyed").run("user", "add", "carol", "--users-file",
                users.toString());

        assertThat(added.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(added.err()).contains("the two passwords differ");
        assertThat(Files.readString(users)).isEqualTo(before);
    }

    @Test
    void withoutAnyPasswordSourceNothingIsWritten() {
        Path users = dir.resolve("users.properties");

        CliRun added = CliRun.run("user", "add", "carol", "--users-file", users.toString());

        assertThat(added.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(added.err()).contains("no password").contains(UserCommands.PASSWORD_VARIABLE);
        assertThat(users).doesNotExist();
    }

    @Test
    void theBrokerPasswordOfTheEnvironmentIsNeverANewUsersPassword() {
        Path users = dir.resolve("users.properties");

        CliRun added = CliRun.run(Map.of(Credentials.PASSWORD_VARIABLE, "operators-own"), "user", "add", "carol",
                "--users-file", users.toString());

        assertThat(added.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(users).doesNotExist();
    }

    @Test
    void addingAnExistingUserFailsAndLeavesTheFileAlone() throws Exception {
        Path users = dir.resolve("users.properties");
        add(users, "alice", "one");
        String before = Files.readString(users);

        CliRun again = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "two"))
                .run("user", "add", "alice", "--users-file", users.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("user 'alice' is already in").contains("'user passwd'");
        assertThat(Files.readString(users)).isEqualTo(before);
        assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(users);
    }

    @Test
    void passwdOfAMissingUserFailsAndLeavesTheFileAlone() throws Exception {
        Path users = dir.resolve("users.properties");
        add(users, "alice", "one");
        String before = Files.readString(users);

        CliRun changed = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "two"))
                .run("user", "passwd", "bob", "--users-file", users.toString());
        CliRun noFile = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "two"))
                .run("user", "passwd", "bob", "--users-file", dir.resolve("missing").toString());

        assertThat(changed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(changed.err()).contains("user 'bob' is not in");
        assertThat(Files.readString(users)).isEqualTo(before);
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(noFile.err()).contains("does not exist");
    }

    @Test
    void aBrokenUsersFileIsNotEdited() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "alice = plain-password\n");

        CliRun added = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, "two"))
                .run("user", "add", "bob", "--users-file", users.toString());

        assertThat(added.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(added.err()).contains("line 1").contains("the file was not changed").doesNotContain("plain-password");
        assertThat(Files.readString(users)).isEqualTo("alice = plain-password\n");
    }

    @Test
    void badArgumentsAreUsageErrorsAndWriteNothing() throws Exception {
        Path users = dir.resolve("users.properties");
        add(users, "alice", "one");
        String before = Files.readString(users);
        var env = Map.of(UserCommands.PASSWORD_VARIABLE, "two");

        CliRun noFile = CliRun.run(env, "user", "add", "bob");
        CliRun spaceInName = CliRun.run(env, "user", "add", "bob smith", "--users-file", users.toString());
        CliRun equalsInName = CliRun.run(env, "user", "add", "bob=x", "--users-file", users.toString());
        CliRun badRole = CliRun.run(env, "user", "add", "bob", "--roles", "ops,;x", "--users-file", users.toString());

        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("Missing required option: '--users-file=<path>'");
        assertThat(spaceInName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(spaceInName.err()).contains("a user name must be non-empty, without white space");
        assertThat(equalsInName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRole.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRole.err()).contains("a role must be");
        assertThat(Files.readString(users)).isEqualTo(before);
    }

    private static void add(Path users, String user, String password) {
        CliRun added = CliRun.with(Map.of(UserCommands.PASSWORD_VARIABLE, password))
                .run("user", "add", user, "--users-file", users.toString());
        assertThat(added.exitCode()).as(added.toString()).isZero();
    }
}
