package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.open;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jetbrains.exodus.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory written with another key layout is refused at open, with the reason. */
class LayoutVersionTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryOfTheLayoutBeforeTheScheduleIndexesIsRefused() throws IOException {
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, TestMessages.send(TestMessages.ORDERS_QUEUE, 1));
        }
        writeLayoutVersion(1);

        assertThatThrownBy(() -> XodusMessageStore.open(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds store layout 1")
                .hasMessageContaining("the layout changed")
                .hasMessageContaining("not indexed");
    }

    @Test
    void aDirectoryOfTheCurrentLayoutReopens() {
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, TestMessages.send(TestMessages.ORDERS_QUEUE, 1));
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(store.storedMessageCount()).isEqualTo(1);
        }
    }

    private void writeLayoutVersion(int version) throws IOException {
        Environment env = EnvironmentOpener.open(dir.toAbsolutePath().normalize(), XodusStoreSettings.defaults());
        try {
            XodusStores stores = XodusStores.open(env);
            env.executeInExclusiveTransaction(txn -> stores.meta().put(txn,
                    Keys.bytes(XodusStores.LAYOUT_VERSION.getBytes(StandardCharsets.UTF_8)), Keys.intValue(version)));
        } finally {
            env.close();
        }
    }
}
