package org.messagestore.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.ExpiryPolicy;
import org.messagestore.broker.FlowControl;
import org.messagestore.broker.MemoryLimitPolicy;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.broker.ResourceLimits;
import org.messagestore.broker.security.AccessRules;
import org.messagestore.broker.security.SecurityConfig;
import org.messagestore.broker.security.UsersFile;
import org.messagestore.broker.security.UsersFileAuthenticator;

/**
 * The broker part of a configuration ({@link ConfigKey.Scope#BROKER} keys), parsed: what the standalone
 * server and an embedded broker share. May be logged: it holds file names, never passwords.
 *
 * @param name                   {@link ConfigKey#NAME}
 * @param dataDir                {@link ConfigKey#DATA_DIR}
 * @param storeSettings          the {@code store.*} keys that are set, without the prefix, for the store provider
 * @param flowControl            {@link ConfigKey#PAGING_WINDOW} and the {@code memory.*} keys
 * @param limits                 {@link ConfigKey#MAX_SESSIONS_PER_CONNECTION}, {@link ConfigKey#MAX_CONSUMERS_PER_SESSION},
 *                               {@link ConfigKey#XA_UNPREPARED_TIMEOUT_SECONDS}
 * @param autoCreateDestinations {@link ConfigKey#AUTO_CREATE_DESTINATIONS}
 * @param queues                 {@link ConfigKey#QUEUES}
 * @param topics                 {@link ConfigKey#TOPICS}
 * @param redelivery             the {@code redelivery.*} keys
 * @param expiryQueue            {@link ConfigKey#EXPIRY_QUEUE}; null drops expired messages
 * @param usersFile              {@link ConfigKey#USERS_FILE}, a path or {@code classpath:name}; null: authentication off
 * @param accessRulesFile        {@link ConfigKey#ACCESS_RULES_FILE}, likewise; null: no authorization rules
 * @param allowAnonymous         {@link ConfigKey#ALLOW_ANONYMOUS}
 */
public record BrokerSettings(
        String name,
        Path dataDir,
        Map<String, String> storeSettings,
        FlowControl flowControl,
        ResourceLimits limits,
        boolean autoCreateDestinations,
        List<String> queues,
        List<String> topics,
        RedeliveryPolicy redelivery,
        String expiryQueue,
        String usersFile,
        String accessRulesFile,
        boolean allowAnonymous) {

    private static final long MIB = 1L << 20;

    public BrokerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(flowControl, "flowControl");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(redelivery, "redelivery");
        storeSettings = Map.copyOf(storeSettings);
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
    }

    /** Parses the broker keys of {@code config}. */
    public static BrokerSettings read(ConfigReader config) throws InvalidConfigException {
        return new BrokerSettings(
                config.name(ConfigKey.NAME),
                config.path(ConfigKey.DATA_DIR),
                storeSettings(config),
                flowControl(config),
                new ResourceLimits(config.integer(ConfigKey.MAX_SESSIONS_PER_CONNECTION, 1, Integer.MAX_VALUE),
                        config.integer(ConfigKey.MAX_CONSUMERS_PER_SESSION, 1, Integer.MAX_VALUE),
                        Duration.ofSeconds(config.integer(ConfigKey.XA_UNPREPARED_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE))),
                config.bool(ConfigKey.AUTO_CREATE_DESTINATIONS),
                config.list(ConfigKey.QUEUES),
                config.list(ConfigKey.TOPICS),
                new RedeliveryPolicy(
                        config.integer(ConfigKey.REDELIVERY_DELAY_MILLIS, 0, Integer.MAX_VALUE),
                        config.integer(ConfigKey.REDELIVERY_MAX_DELIVERIES, 0, Integer.MAX_VALUE),
                        config.optional(ConfigKey.REDELIVERY_DEAD_LETTER_QUEUE)),
                config.optional(ConfigKey.EXPIRY_QUEUE),
                config.optional(ConfigKey.USERS_FILE),
                config.optional(ConfigKey.ACCESS_RULES_FILE),
                config.bool(ConfigKey.ALLOW_ANONYMOUS));
    }

    /** The {@code store.*} keys with a value, for the store provider (which checks what they mean). */
    private static Map<String, String> storeSettings(ConfigReader config) throws InvalidConfigException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("diskReserveMb", String.valueOf(config.integer(ConfigKey.STORE_DISK_RESERVE_MB, 0, Integer.MAX_VALUE)));
        if (config.optional(ConfigKey.STORE_LOG_CACHE_MB) != null) {
            settings.put("logCacheMb", String.valueOf(config.integer(ConfigKey.STORE_LOG_CACHE_MB, 1, Integer.MAX_VALUE)));
        }
        return settings;
    }

    private static FlowControl flowControl(ConfigReader config) throws InvalidConfigException {
        FlowControl flowControl = FlowControl.defaults()
                .withPagingWindow(config.integer(ConfigKey.PAGING_WINDOW, 1, Integer.MAX_VALUE))
                .withMemoryLimitPolicy(config.choice(ConfigKey.MEMORY_LIMIT_POLICY, MemoryLimitPolicy.class),
                        Duration.ofMillis(config.number(ConfigKey.MEMORY_BLOCK_TIMEOUT_MILLIS, 0, Long.MAX_VALUE)));
        if (config.optional(ConfigKey.MEMORY_LIMIT_MB) != null) {
            flowControl = flowControl.withMemoryLimit(config.number(ConfigKey.MEMORY_LIMIT_MB, 1, Long.MAX_VALUE / MIB) * MIB);
        }
        return flowControl;
    }

    /**
     * The broker's configuration, without a store (the broker opens the default one on {@code dataDir}
     * with {@code storeSettings}). A users or access rules file that cannot be read or parsed fails here,
     * naming the key, so the broker never starts with less security than it was asked for.
     *
     * @param resources reads the files, including {@code classpath:} ones
     */
    public BrokerConfig brokerConfig(ConfigResources resources) throws InvalidConfigException {
        SecurityConfig security = SecurityConfig.defaults();
        try {
            if (usersFile != null) {
                UsersFile users = UsersFile.parse(usersFile, resources.lines(usersFile, "users file"));
                security = security.withAuthenticator(new UsersFileAuthenticator(users));
            }
        } catch (RuntimeException e) {
            throw new InvalidConfigException("key '" + ConfigKey.USERS_FILE.key() + "': " + e.getMessage(), e);
        }
        try {
            if (accessRulesFile != null) {
                security = security.withAccessRules(
                        AccessRules.parse(accessRulesFile, resources.lines(accessRulesFile, "access rules")));
            }
        } catch (RuntimeException e) {
            throw new InvalidConfigException("key '" + ConfigKey.ACCESS_RULES_FILE.key() + "': " + e.getMessage(), e);
        }
        return BrokerConfig.defaults(name)
                .withDataDir(dataDir)
                .withStoreSettings(storeSettings)
                .withFlowControl(flowControl)
                .withLimits(limits)
                .withAutoCreateDestinations(autoCreateDestinations)
                .withQueues(queues.toArray(String[]::new))
                .withTopics(topics.toArray(String[]::new))
                .withRedeliveryPolicy(redelivery)
                .withExpiryPolicy(expiryQueue == null ? ExpiryPolicy.DROP : ExpiryPolicy.moveTo(expiryQueue))
                .withAllowAnonymous(allowAnonymous)
                .withSecurity(security);
    }
}
