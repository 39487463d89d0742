package org.messagestore.broker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.messagestore.store.MessageStore;

/**
 * How to run one {@link Broker}. Start from {@link #defaults(String)} and change what you need with the
 * {@code with...} methods.
 *
 * @param name                   the broker's name, unique in the JVM; {@code vm://<name>} finds it
 * @param store                  the store to use; default null: open the highest-priority
 *                               {@link org.messagestore.store.StoreProvider} on the classpath in
 *                               {@code dataDir}, or the in-memory store when there is none. A store
 *                               passed here belongs to the caller: the broker does not close it.
 * @param dataDir                where a store provider keeps its files; default {@code ./data}
 * @param users                  user name → password; default empty, which turns authentication off
 * @param allowAnonymous         with users configured, accept connections without credentials;
 *                               default false
 * @param autoCreateDestinations create a queue or topic on first use; default true. When false, using
 *                               a destination that is neither predeclared nor stored fails with
 *                               InvalidDestinationException
 * @param queues                 queues that exist from start; default none
 * @param topics                 topics that exist from start; default none
 */
public record BrokerConfig(
        String name,
        MessageStore store,
        Path dataDir,
        Map<String, String> users,
        boolean allowAnonymous,
        boolean autoCreateDestinations,
        Set<String> queues,
        Set<String> topics) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a broker name must not be blank");
        }
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        users = users == null ? Map.of() : Map.copyOf(users);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        topics = topics == null ? Set.of() : Set.copyOf(topics);
    }

    /** A broker named {@code name} with every default listed above. */
    public static BrokerConfig defaults(String name) {
        return new BrokerConfig(name, null, DEFAULT_DATA_DIR, Map.of(), false, true, Set.of(), Set.of());
    }

    public BrokerConfig withStore(MessageStore newStore) {
        return new BrokerConfig(name, newStore, dataDir, users, allowAnonymous, autoCreateDestinations, queues, topics);
    }

    public BrokerConfig withDataDir(Path newDataDir) {
        return new BrokerConfig(name, store, newDataDir, users, allowAnonymous, autoCreateDestinations, queues, topics);
    }

    public BrokerConfig withUsers(Map<String, String> newUsers) {
        return new BrokerConfig(name, store, dataDir, newUsers, allowAnonymous, autoCreateDestinations, queues, topics);
    }

    public BrokerConfig withAllowAnonymous(boolean allow) {
        return new BrokerConfig(name, store, dataDir, users, allow, autoCreateDestinations, queues, topics);
    }

    public BrokerConfig withAutoCreateDestinations(boolean autoCreate) {
        return new BrokerConfig(name, store, dataDir, users, allowAnonymous, autoCreate, queues, topics);
    }

    public BrokerConfig withQueues(String... names) {
        return new BrokerConfig(name, store, dataDir, users, allowAnonymous, autoCreateDestinations, join(queues, names), topics);
    }

    public BrokerConfig withTopics(String... names) {
        return new BrokerConfig(name, store, dataDir, users, allowAnonymous, autoCreateDestinations, queues, join(topics, names));
    }

    private static Set<String> join(Set<String> existing, String... more) {
        Set<String> all = new LinkedHashSet<>(existing);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
