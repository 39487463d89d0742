package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.MessageStore;
import org.messagestore.store.MessageStores;

/** The Xodus store as the default store, opened with a broker's {@code store.*} settings. */
class XodusStoreProviderTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultStoreIsXodusAndTakesItsSettings() throws Exception {
        try (MessageStore store = MessageStores.openDefault(dir, Map.of("diskReserveMb", "2", "logCacheMb", "16"))) {
            assertThat(store).isInstanceOf(XodusMessageStore.class);
            assertThat(Files.size(dir.resolve(DiskSpaceReserve.FILE_NAME))).isEqualTo(2L << 20);
        }
    }

    @Test
    void aReserveOfZeroTurnsTheReserveOff() throws Exception {
        try (MessageStore store = new XodusStoreProvider().open(dir, Map.of("diskReserveMb", "0"))) {
            assertThat(dir.resolve(DiskSpaceReserve.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void anUnknownSettingOrABadValueIsRefusedWithItsName() {
        XodusStoreProvider provider = new XodusStoreProvider();
        assertThatThrownBy(() -> provider.open(dir, Map.of("cacheSize", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize").hasMessageContaining("diskReserveMb");
        assertThatThrownBy(() -> provider.open(dir, Map.of("diskReserveMb", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diskReserveMb");
    }
}
