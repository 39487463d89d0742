package org.messagestore.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.security.AccessRules;
import org.messagestore.broker.security.SecurityConfig;
import org.messagestore.broker.security.UsersFileAuthenticator;
import org.messagestore.broker.ExpiryPolicy;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.transport.tcp.TcpOptions;
import org.messagestore.transport.tcp.TlsOptions;

/**
 * How to run the standalone broker; read by {@link ServerConfigLoader}, where the keys, defaults and
 * override rules are described. May be logged: the only passwords it holds, those of the TLS stores, are
 * left out of {@link #toString()} (see {@link TlsOptions#toString()}).
 *
 * @param configFile      the properties file it was read from, or null when none was named
 * @param name            {@link ConfigKey#NAME}
 * @param host            {@link ConfigKey#HOST}
 * @param port            {@link ConfigKey#PORT}; 0 for any free port
 * @param dataDir         {@link ConfigKey#DATA_DIR}
 * @param storeSettings   the {@code store.*} keys that are set, without the prefix, for the store provider
 * @param heartbeatMillis {@link ConfigKey#HEARTBEAT_MILLIS}
 * @param maxFrameBytes   {@link ConfigKey#MAX_FRAME_BYTES}
 * @param autoCreateDestinations {@link ConfigKey#AUTO_CREATE_DESTINATIONS}
 * @param queues          {@link ConfigKey#QUEUES}
 * @param topics          {@link ConfigKey#TOPICS}
 * @param redelivery      {@link ConfigKey#REDELIVERY_DELAY_MILLIS}, {@link ConfigKey#REDELIVERY_MAX_DELIVERIES},
 *                        {@link ConfigKey#REDELIVERY_DEAD_LETTER_QUEUE}
 * @param expiryQueue     {@link ConfigKey#EXPIRY_QUEUE}; null drops expired messages
 * @param usersFile       {@link ConfigKey#USERS_FILE}; null: authentication off
 * @param accessRulesFile {@link ConfigKey#ACCESS_RULES_FILE}; null: no authorization rules
 * @param allowAnonymous  {@link ConfigKey#ALLOW_ANONYMOUS}
 * @param tls             the {@code tls.*} keys; null when {@link ConfigKey#TLS_KEY_STORE} is empty (plain TCP)
 */
public record ServerConfig(
        Path configFile,
        String name,
        String host,
        int port,
        Path dataDir,
        Map<String, String> storeSettings,
        int heartbeatMillis,
        int maxFrameBytes,
        boolean autoCreateDestinations,
        List<String> queues,
        List<String> topics,
        RedeliveryPolicy redelivery,
        String expiryQueue,
        Path usersFile,
        Path accessRulesFile,
        boolean allowAnonymous,
        TlsOptions tls) {

    public ServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(redelivery, "redelivery");
        storeSettings = Map.copyOf(storeSettings);
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
    }

    /** The TCP acceptor's settings. */
    public TcpOptions tcpOptions() {
        return TcpOptions.defaults().withHeartbeatMillis(heartbeatMillis).withMaxFrameBytes(maxFrameBytes);
    }

    /** The scheme of the URL clients use: {@code ssl} with TLS, else {@code tcp}. */
    public String scheme() {
        return tls == null ? "tcp" : "ssl";
    }

    /**
     * Reads the TLS key and trust stores (when TLS is on): a missing file or wrong password fails here,
     * naming the key at fault but never the password.
     */
    public void checkTls() throws InvalidConfigException {
        if (tls != null) {
            TlsStoreCheck.check(tls);
        }
    }

    /**
     * The broker's settings, without a store (the server opens it). A users or access rules file
     * that cannot be read or parsed fails here, naming the key, so the broker never starts with
     * less security than it was asked for.
     */
    public BrokerConfig brokerConfig() throws InvalidConfigException {
        SecurityConfig security = SecurityConfig.defaults();
        try {
            if (usersFile != null) {
                security = security.withAuthenticator(UsersFileAuthenticator.load(usersFile));
            }
        } catch (RuntimeException e) {
            throw new InvalidConfigException("key '" + ConfigKey.USERS_FILE.key() + "': " + e.getMessage(), e);
        }
        try {
            if (accessRulesFile != null) {
                security = security.withAccessRules(AccessRules.load(accessRulesFile));
            }
        } catch (RuntimeException e) {
            throw new InvalidConfigException("key '" + ConfigKey.ACCESS_RULES_FILE.key() + "': " + e.getMessage(), e);
        }
        return BrokerConfig.defaults(name)
                .withDataDir(dataDir)
                .withAutoCreateDestinations(autoCreateDestinations)
                .withQueues(queues.toArray(String[]::new))
                .withTopics(topics.toArray(String[]::new))
                .withRedeliveryPolicy(redelivery)
                .withExpiryPolicy(expiryQueue == null ? ExpiryPolicy.DROP : ExpiryPolicy.moveTo(expiryQueue))
                .withAllowAnonymous(allowAnonymous)
                .withSecurity(security);
    }
}
