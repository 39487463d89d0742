package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsersFileTest {

    private static final String HASH = PasswordHash.of("pw".toCharArray(), 1_000).encoded();

    @Test
    void readsUsersHashesAndRolesSkippingCommentsAndBlankLines() {
        UsersFile file = UsersFile.parse("users.properties", List.of(
                "# the users",
                "",
                "alice = " + HASH + " ; app, admin",
                "! also a comment",
                "  bob=" + HASH));

        assertThat(file.users()).containsOnlyKeys("alice", "bob");
        assertThat(file.user("alice").orElseThrow().roles()).containsExactlyInAnyOrder("app", "admin");
        assertThat(file.user("bob").orElseThrow().roles()).isEmpty();
        assertThat(file.user("bob").orElseThrow().password().matches("pw".toCharArray())).isTrue();
        assertThat(file.user("carol")).isEmpty();
    }

    @Test
    void lineWithoutEqualsSignIsNamed() {
        assertThatThrownBy(() -> UsersFile.parse("users.properties", List.of("# c", "alice " + HASH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.properties, line 2");
    }

    @Test
    void plainPasswordIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> UsersFile.parse("users.properties", List.of("alice = " + HASH, "bob = hunter2")))
                .hasMessageContaining("line 2").hasMessageContaining("user 'bob'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void duplicateUserIsNamedWithItsLine() {
        assertThatThrownBy(() -> UsersFile.parse("u", List.of("alice = " + HASH, "", "alice = " + HASH)))
                .hasMessageContaining("line 3").hasMessageContaining("'alice' is listed twice");
    }

    @Test
    void badUserNamesAndRoleListsAreNamedWithTheirLine() {
        assertThatThrownBy(() -> UsersFile.parse("u", List.of(" = " + HASH))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> UsersFile.parse("u", List.of("al ice = " + HASH))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> UsersFile.parse("u", List.of("alice = " + HASH + " ; app,,admin")))
                .hasMessageContaining("line 1").hasMessageContaining("roles");
    }
}
