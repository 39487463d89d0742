package org.messagestore.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens the default store: the highest-priority {@link StoreProvider} on the classpath. The in-memory
 * store is always there, declared by this library with the lowest priority, so it is chosen only when
 * no persistent store is present.
 */
public final class MessageStores {

    private MessageStores() {
    }

    public static MessageStore openDefault(Path dataDirectory) {
        return openDefault(dataDirectory, Map.of());
    }

    /**
     * Opens the default store with {@code settings} (see {@link StoreProvider#open(Path, Map)}); the
     * in-memory store, used when no other provider is present, has none and ignores them.
     */
    public static MessageStore openDefault(Path dataDirectory, Map<String, String> settings) {
        ClassLoader loader = MessageStores.class.getClassLoader();
        return ServiceLoader.load(StoreProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(StoreProvider::priority))
                .map(provider -> open(provider, dataDirectory, settings))
                .orElseThrow(() -> new IllegalStateException("no " + StoreProvider.class.getName()
                        + " is declared in META-INF/services; a jar merged without merging its service files loses them"));
    }

    private static MessageStore open(StoreProvider provider, Path dataDirectory, Map<String, String> settings) {
        try {
            return provider.open(dataDirectory, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "store '" + provider.name() + "' cannot open data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }
}
