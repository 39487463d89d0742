package org.messagestore.store.xodus;

import java.io.IOException;
import java.nio.file.Path;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreProvider;

/**
 * Makes the Xodus store the default: found by {@code MessageStores.openDefault} through
 * {@code META-INF/services/org.messagestore.store.StoreProvider} whenever this module is on the
 * classpath, and opened on the broker's data directory ({@code BrokerConfig.dataDir}, {@code ./data}
 * by default).
 */
public final class XodusStoreProvider implements StoreProvider {

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
}
