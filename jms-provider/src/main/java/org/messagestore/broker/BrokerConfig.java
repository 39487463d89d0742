package org.messagestore.broker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.messagestore.broker.security.SecurityConfig;
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
 * @param storeSettings          settings for the store the broker opens (see
 *                               {@link org.messagestore.store.StoreProvider#open(Path, Map)}); default none
 * @param users                  user name → password; default empty, which turns authentication off
 * @param allowAnonymous         with users configured, accept connections without credentials;
 *                               default false
 * @param autoCreateDestinations create a queue or topic on first use; default true. When false, using
 *                               a destination that is neither predeclared nor stored fails with
 *                               InvalidDestinationException
 * @param queues                 queues that exist from start; default none
 * @param topics                 topics that exist from start; default none
 * @param redelivery             how consumed messages that come back are redelivered, and when they
 *                               go to a dead-letter queue; default {@link RedeliveryPolicy#DEFAULT}:
 *                               no delay, 10 deliveries, then queue {@code DLQ}
 * @param redeliveryOverrides    destination name → the policy used there instead of
 *                               {@code redelivery}; default none. Names match exactly (no wildcards)
 *                               and apply to the queue and the topic of that name (for a topic, to
 *                               all its subscriptions)
 * @param expiry                 what happens to expired messages; default {@link ExpiryPolicy#DROP}
 * @param expiryOverrides        destination name → the expiry policy used there instead of
 *                               {@code expiry}; default none; matched like {@code redeliveryOverrides}
 * @param security               who may connect (authenticator; {@code users} and {@code allowAnonymous}
 *                               still apply) and what they may do (access rules); default
 *                               {@link SecurityConfig#defaults()}: authentication from {@code users},
 *                               everything allowed
 * @param flowControl            what the broker holds in memory: the paging window of each durable queue
 *                               and durable subscription, the broker-wide memory limit, and what sends
 *                               that need memory meet above it; default {@link FlowControl#defaults()}
 *                               (10,000 messages, a quarter of the maximum heap,
 *                               {@link MemoryLimitPolicy#BLOCK} for up to 30 seconds)
 * @param limits                 sessions per connection and consumers per session; default
 *                               {@link ResourceLimits#DEFAULT}
 */
public record BrokerConfig(
        String name,
        MessageStore store,
        Path dataDir,
        Map<String, String> storeSettings,
        Map<String, String> users,
        boolean allowAnonymous,
        boolean autoCreateDestinations,
        Set<String> queues,
        Set<String> topics,
        RedeliveryPolicy redelivery,
        Map<String, RedeliveryPolicy> redeliveryOverrides,
        ExpiryPolicy expiry,
        Map<String, ExpiryPolicy> expiryOverrides,
        SecurityConfig security,
        FlowControl flowControl,
        ResourceLimits limits) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a broker name must not be blank");
        }
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        storeSettings = storeSettings == null ? Map.of() : Map.copyOf(storeSettings);
        users = users == null ? Map.of() : Map.copyOf(users);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        redelivery = redelivery == null ? RedeliveryPolicy.DEFAULT : redelivery;
        redeliveryOverrides = redeliveryOverrides == null ? Map.of() : Map.copyOf(redeliveryOverrides);
        expiry = expiry == null ? ExpiryPolicy.DROP : expiry;
        expiryOverrides = expiryOverrides == null ? Map.of() : Map.copyOf(expiryOverrides);
        security = security == null ? SecurityConfig.defaults() : security;
        flowControl = flowControl == null ? FlowControl.defaults() : flowControl;
        limits = limits == null ? ResourceLimits.DEFAULT : limits;
    }

    /** A broker named {@code name} with every default listed above. */
    public static BrokerConfig defaults(String name) {
        return new BrokerConfig(name, null, DEFAULT_DATA_DIR, Map.of(), Map.of(), false, true, Set.of(), Set.of(),
                RedeliveryPolicy.DEFAULT, Map.of(), ExpiryPolicy.DROP, Map.of(), SecurityConfig.defaults(), FlowControl.defaults(),
                ResourceLimits.DEFAULT);
    }

    public BrokerConfig withStore(MessageStore newStore) {
        return new BrokerConfig(name, newStore, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withDataDir(Path newDataDir) {
        return new BrokerConfig(name, store, newDataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    /** Settings for the store the broker opens itself; ignored when {@link #store} is given. */
    public BrokerConfig withStoreSettings(Map<String, String> newStoreSettings) {
        return new BrokerConfig(name, store, dataDir, newStoreSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withUsers(Map<String, String> newUsers) {
        return new BrokerConfig(name, store, dataDir, storeSettings, newUsers, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withAllowAnonymous(boolean allow) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allow, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withAutoCreateDestinations(boolean autoCreate) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreate, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withQueues(String... names) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, join(queues, names), topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    public BrokerConfig withTopics(String... names) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, join(topics, names),
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    /** The redelivery policy of every destination without an override. */
    public BrokerConfig withRedeliveryPolicy(RedeliveryPolicy policy) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                policy, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, limits);
    }

    /** The redelivery policy of the queue and topic named {@code destination} (exact name). */
    public BrokerConfig withRedeliveryPolicy(String destination, RedeliveryPolicy policy) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, put(redeliveryOverrides, destination, policy), expiry, expiryOverrides, security, flowControl, limits);
    }

    /** The expiry policy of every destination without an override. */
    public BrokerConfig withExpiryPolicy(ExpiryPolicy policy) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, policy, expiryOverrides, security, flowControl, limits);
    }

    /** The expiry policy of the queue and topic named {@code destination} (exact name). */
    public BrokerConfig withExpiryPolicy(String destination, ExpiryPolicy policy) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, put(expiryOverrides, destination, policy), security, flowControl, limits);
    }

    /** Authentication and access rules; see {@link SecurityConfig}. */
    public BrokerConfig withSecurity(SecurityConfig newSecurity) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, newSecurity, flowControl, limits);
    }

    /** What the broker holds in memory; see {@link FlowControl}. */
    public BrokerConfig withFlowControl(FlowControl newFlowControl) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, newFlowControl, limits);
    }

    /** How much one connection may hold; see {@link ResourceLimits}. */
    public BrokerConfig withLimits(ResourceLimits newLimits) {
        return new BrokerConfig(name, store, dataDir, storeSettings, users, allowAnonymous, autoCreateDestinations, queues, topics,
                redelivery, redeliveryOverrides, expiry, expiryOverrides, security, flowControl, newLimits);
    }

    /**
     * At most {@code messages} references of each queue and durable subscription wait in memory; the
     * rest stay in the store and are paged in (see {@link FlowControl#pagingWindow()}).
     */
    public BrokerConfig withPagingWindow(int messages) {
        return withFlowControl(flowControl.withPagingWindow(messages));
    }

    /** The broker-wide memory limit in bytes (see {@link FlowControl#memoryLimit()}). */
    public BrokerConfig withMemoryLimit(long bytes) {
        return withFlowControl(flowControl.withMemoryLimit(bytes));
    }

    /** What sends that need memory meet above the memory limit, and how long BLOCK waits. */
    public BrokerConfig withMemoryLimitPolicy(MemoryLimitPolicy policy, java.time.Duration blockTimeout) {
        return withFlowControl(flowControl.withMemoryLimitPolicy(policy, blockTimeout));
    }

    /** Like the record's, but with user names only: this may be logged, and {@code users} holds plain passwords. */
    @Override
    public String toString() {
        return "BrokerConfig[name=" + name + ", store=" + store + ", dataDir=" + dataDir + ", storeSettings=" + storeSettings + ", users=" + users.keySet()
                + ", allowAnonymous=" + allowAnonymous + ", autoCreateDestinations=" + autoCreateDestinations
                + ", queues=" + queues + ", topics=" + topics + ", redelivery=" + redelivery
                + ", redeliveryOverrides=" + redeliveryOverrides + ", expiry=" + expiry
                + ", expiryOverrides=" + expiryOverrides + ", security=" + security + ", flowControl=" + flowControl + ", limits=" + limits + "]";
    }

    /** The redelivery policy that applies to the destination named {@code destination}. */
    public RedeliveryPolicy redeliveryPolicyFor(String destination) {
        return redeliveryOverrides.getOrDefault(destination, redelivery);
    }

    /** The expiry policy that applies to the destination named {@code destination}. */
    public ExpiryPolicy expiryPolicyFor(String destination) {
        return expiryOverrides.getOrDefault(destination, expiry);
    }

    /** The dead-letter and expiry queues named by any policy; the broker creates them at start. */
    public Set<String> undeliverableQueues() {
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(Stream.of(redelivery), redeliveryOverrides.values().stream())
                .map(RedeliveryPolicy::deadLetterQueue).filter(Objects::nonNull).forEach(names::add);
        Stream.concat(Stream.of(expiry), expiryOverrides.values().stream())
                .map(ExpiryPolicy::expiryQueue).filter(Objects::nonNull).forEach(names::add);
        return names;
    }

    private static <V> Map<String, V> put(Map<String, V> existing, String key, V value) {
        Objects.requireNonNull(key, "destination");
        Objects.requireNonNull(value, "policy");
        Map<String, V> all = new HashMap<>(existing);
        all.put(key, value);
        return all;
    }

    private static Set<String> join(Set<String> existing, String... more) {
        Set<String> all = new LinkedHashSet<>(existing);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
