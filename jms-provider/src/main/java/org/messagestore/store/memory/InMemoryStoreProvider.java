package org.messagestore.store.memory;

import java.nio.file.Path;
import java.util.Map;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreProvider;

/**
 * The fallback store: declared as a provider of the lowest priority, so that the store SPI picks it
 * when no persistent store is on the classpath without naming any implementation itself.
 */
public final class InMemoryStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public MessageStore open(Path dataDirectory) {
        return new InMemoryStore();
    }

    /** The in-memory store has no settings and no directory; it ignores both. */
    @Override
    public MessageStore open(Path dataDirectory, Map<String, String> settings) {
        return new InMemoryStore();
    }
}
