package org.messagestore.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.messagestore.broker.BrokerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of a broker that a {@code vm://name} URL starts on first use: the keys of the
 * standalone server's {@code broker.properties} ({@link ConfigKey}), read by the same parser with the
 * same defaults. Each source overrides the one before it:
 * <ol>
 *   <li>the defaults of {@link ConfigKey};</li>
 *   <li>the file named by the URL option {@value #CONFIG_OPTION} (a path, or {@code classpath:name}),
 *       else the classpath resource {@value #DEFAULT_RESOURCE} when there is one;</li>
 *   <li>URL options {@code broker.<key>=value}, e.g. {@code vm://orders?broker.allowAnonymous=true};
 *       JNDI adds its {@code broker.<key>} properties to every {@code vm://} factory it binds this way;</li>
 *   <li>the URL option {@code dataDir}.</li>
 * </ol>
 * The broker's name is the URL's. An unknown key or a bad value fails the start with a message naming
 * it and its source. The acceptor keys (host, port, TLS...) are for the standalone server; an embedded
 * broker has no TCP port, so it ignores them and says so in the log.
 */
public final class EmbeddedBrokerConfig {

    /** The URL option naming the configuration file. */
    public static final String CONFIG_OPTION = "config";
    /** Read from the classpath when the URL names no file. */
    public static final String DEFAULT_RESOURCE = "messagestore-broker.properties";
    /** URL options with this prefix are configuration keys. */
    public static final String KEY_OPTION_PREFIX = "broker.";
    /** The URL option naming the data directory, kept from before configuration files. */
    public static final String DATA_DIR_OPTION = "dataDir";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerConfig.class);

    private EmbeddedBrokerConfig() {
    }

    /**
     * @param name       the broker's name, from the URL
     * @param urlOptions the URL's options; those this class does not know belong to the client and are skipped
     * @param loader     finds {@code classpath:} files and {@value #DEFAULT_RESOURCE}
     */
    public static BrokerConfig load(String name, Map<String, String> urlOptions, ClassLoader loader)
            throws InvalidConfigException {
        ConfigResources resources = new ConfigResources(loader);
        ConfigValues values = ConfigValues.defaults();
        String file = urlOptions.get(CONFIG_OPTION);
        if (file != null) {
            values.putAll(resources.properties(file), "file " + file);
            LOG.info("embedded broker '{}' reads its configuration from {}", name, ConfigResources.describe(file));
        } else {
            Optional<Properties> found = resources.optionalProperties(DEFAULT_RESOURCE);
            if (found.isPresent()) {
                values.putAll(found.get(), "classpath:" + DEFAULT_RESOURCE);
                LOG.info("embedded broker '{}' reads its configuration from classpath:{}", name, DEFAULT_RESOURCE);
            }
        }
        for (Map.Entry<String, String> option : urlOptions.entrySet()) {
            if (option.getKey().startsWith(KEY_OPTION_PREFIX)) {
                String keyName = option.getKey().substring(KEY_OPTION_PREFIX.length());
                String source = "URL option " + option.getKey();
                values.put(ConfigValues.known(keyName, "key '" + keyName + "' in " + source), option.getValue(), source);
            }
        }
        String dataDir = urlOptions.get(DATA_DIR_OPTION);
        if (dataDir != null) {
            values.put(ConfigKey.DATA_DIR, dataDir, "URL option " + DATA_DIR_OPTION);
        }
        values.put(ConfigKey.NAME, name, "URL vm://" + name);
        warnAboutAcceptorKeys(name, values);
        return BrokerSettings.read(new ConfigReader(values)).brokerConfig(resources);
    }

    private static void warnAboutAcceptorKeys(String name, ConfigValues values) {
        List<String> ignored = Arrays.stream(ConfigKey.values())
                .filter(key -> key.scope() != ConfigKey.Scope.BROKER && values.isSet(key))
                .map(ConfigKey::key)
                .toList();
        if (!ignored.isEmpty()) {
            LOG.warn("embedded broker '{}' ignores {}: they configure the standalone server's TCP port "
                    + "and metrics endpoint, and an embedded broker has neither", name, ignored);
        }
    }
}
