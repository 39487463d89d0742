package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreProvider;

/**
 * Makes the Xodus store the default: found by {@code MessageStores.openDefault} through
 * {@code META-INF/services/org.messagestore.store.StoreProvider} whenever this module is on the
 * classpath, and opened on the broker's data directory ({@code BrokerConfig.dataDir}, {@code ./data}
 * by default).
 */
public final class XodusStoreProvider implements StoreProvider {

    public static final String DISK_RESERVE_MB = "diskReserveMb";
    public static final String LOG_CACHE_MB = "logCacheMb";

    @Override
    public String name() {
        return "xodus";
    }

    /** Above the default 0, so Xodus wins over any test or toy provider that keeps the default. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public MessageStore open(Path dataDirectory) throws IOException {
        return XodusMessageStore.open(dataDirectory);
    }

    /**
     * Settings: {@value #DISK_RESERVE_MB} (disk space kept in reserve, see {@link DiskSpaceReserve}; 0 turns
     * the reserve off) and {@value #LOG_CACHE_MB} (memory for Xodus's log cache, at least 1), in MiB.
     */
    @Override
    public MessageStore open(Path dataDirectory, Map<String, String> settings) throws IOException {
        XodusStoreSettings xodus = XodusStoreSettings.defaults();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            long mebibytes = mebibytes(setting.getKey(), setting.getValue());
            xodus = switch (setting.getKey()) {
                case DISK_RESERVE_MB -> xodus.withDiskReserveBytes(mebibytes << 20);
                case LOG_CACHE_MB -> xodus.withLogCacheBytes(Math.max(1, mebibytes) << 20);
                default -> throw new IllegalArgumentException("unknown setting '" + setting.getKey()
                        + "' of store 'xodus'; it knows " + DISK_RESERVE_MB + " and " + LOG_CACHE_MB);
            };
        }
        return XodusMessageStore.open(dataDirectory, xodus);
    }

    private static long mebibytes(String name, String value) {
        try {
            long mebibytes = Long.parseLong(value.trim());
            if (mebibytes >= 0 && mebibytes < (1L << 40)) {
                return mebibytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting '" + name + "' of store 'xodus' must be a number of MiB, not '" + value + "'");
    }
}
