package org.messagestore.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pluggable store implementation found with {@link java.util.ServiceLoader} (declared in
 * {@code META-INF/services/org.messagestore.store.StoreProvider}). When several are on the classpath
 * the one with the highest {@link #priority()} wins; with none the broker uses the in-memory store.
 */
public interface StoreProvider {

    /** A short name for logs and configuration, e.g. {@code xodus}. */
    String name();

    /** Higher wins when several providers are present. */
    default int priority() {
        return 0;
    }

    /** Opens (creating when absent) the store kept in {@code dataDirectory}. */
    MessageStore open(Path dataDirectory) throws IOException;
}
