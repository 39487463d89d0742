package org.messagestore.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ServiceLoader;
import org.messagestore.store.memory.InMemoryStore;

/** Opens the default store: the highest-priority {@link StoreProvider} on the classpath, else memory. */
public final class MessageStores {

    private MessageStores() {
    }

    public static MessageStore openDefault(Path dataDirectory) {
        ClassLoader loader = MessageStores.class.getClassLoader();
        return ServiceLoader.load(StoreProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(StoreProvider::priority))
                .map(provider -> open(provider, dataDirectory))
                .orElseGet(InMemoryStore::new);
    }

    private static MessageStore open(StoreProvider provider, Path dataDirectory) {
        try {
            return provider.open(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "store '" + provider.name() + "' cannot open data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }
}
