package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.MessageStore;
import org.messagestore.store.MessageStores;

/** Issue 4, item 10: a data directory in use or unusable fails startup with a clear message. */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryHeldByAnotherStoreFailsWithAMessageNamingIt() throws IOException {
        Path data = dir.resolve("data");
        try (XodusMessageStore first = XodusMessageStore.open(data)) {
            assertThatThrownBy(() -> XodusMessageStore.open(data))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(data.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another store");
            assertThat(first.recover().destinations()).isEmpty();
        }
        XodusMessageStore.open(data).close(); // released by close()
    }

    @Test
    void theDefaultStoreIsXodusWhenThisModuleIsOnTheClasspath() {
        try (MessageStore store = MessageStores.openDefault(dir.resolve("default"))) {
            assertThat(store).isInstanceOf(XodusMessageStore.class);
            assertThat(store.survivesRestart()).isTrue();
            assertThat(store.description()).contains("xodus").contains("default");
        }
    }

    @Test
    void theDefaultStoreReportsALockedDirectory() throws IOException {
        Path data = dir.resolve("data");
        try (XodusMessageStore first = XodusMessageStore.open(data)) {
            assertThatThrownBy(() -> MessageStores.openDefault(data))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("in use by another store")
                    .hasMessageContaining(data.toString());
            assertThat(first.survivesRestart()).isTrue();
        }
    }

    @Test
    void anUnreadableDirectoryFailsWithAMessageNamingIt() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any directory; skipped");
        Path data = Files.createDirectory(dir.resolve("locked-out"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> XodusMessageStore.open(data))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(data.toString());
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeFailsWithAMessageNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> XodusMessageStore.open(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is a file");
    }
}
