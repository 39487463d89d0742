package org.messagestore.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A pluggable store implementation found with {@link java.util.ServiceLoader} (declared in
 * {@code META-INF/services/org.messagestore.store.StoreProvider}). When several are on the classpath
 * the one with the highest {@link #priority()} wins; the in-memory store, declared with the lowest
 * priority, wins only when there is no other.
 */
public interface StoreProvider {

    /** A short name for logs and configuration, e.g. {@code xodus}. */
    String name();

    /** Higher wins when several providers are present. */
    default int priority() {
        return 0;
    }

    /** Opens (creating when absent) the store kept in {@code dataDirectory}, with its default settings. */
    MessageStore open(Path dataDirectory) throws IOException;

    /**
     * Opens the store with {@code settings}: names and values this store defines (for example a
     * broker's {@code store.*} configuration keys without the prefix). A name the store does not know,
     * or a value it cannot use, is an {@link IllegalArgumentException} that says which.
     */
    default MessageStore open(Path dataDirectory, Map<String, String> settings) throws IOException {
        if (!settings.isEmpty()) {
            throw new IllegalArgumentException("store '" + name() + "' takes no settings, but got " + settings.keySet());
        }
        return open(dataDirectory);
    }
}
