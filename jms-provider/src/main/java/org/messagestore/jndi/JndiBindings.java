package org.messagestore.jndi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.client.destination.ClientQueue;
import org.messagestore.client.destination.ClientTopic;
import org.messagestore.client.message.DeserializationAllowList;
import org.messagestore.config.EmbeddedBrokerConfig;

/**
 * The objects a JNDI environment describes, keyed by JNDI name:
 *
 * <pre>
 * connectionFactory.&lt;name&gt; = &lt;broker URL&gt;       a MessageStoreConnectionFactory
 * queue.&lt;name&gt;             = &lt;physical queue name&gt;
 * topic.&lt;name&gt;             = &lt;physical topic name&gt;
 * java.naming.provider.url  = &lt;broker URL&gt;       used for the default factories (see below)
 * broker.&lt;key&gt;             = &lt;value&gt;            configures the brokers vm:// factories start
 * deserializationAllowList  = &lt;classes, packages&gt; what ObjectMessage bodies may hold, for every factory
 * </pre>
 *
 * <p>Without any {@code connectionFactory.*} entry, one factory for {@code java.naming.provider.url}
 * (default {@value #DEFAULT_URL}) is bound as {@code ConnectionFactory}, {@code QueueConnectionFactory}
 * and {@code TopicConnectionFactory}, the names legacy applications look up. Names under
 * {@code dynamicQueues/} and {@code dynamicTopics/} need no entry: they resolve to a destination of
 * that physical name, as ActiveMQ and Artemis users expect.
 *
 * <p>{@code broker.<key>} entries configure the embedded brokers that this environment's {@code vm://}
 * factories start, with the keys of the server's {@code broker.properties}: they are added to each
 * {@code vm://} URL as options of the same name (see {@link EmbeddedBrokerConfig}), unless the URL sets
 * them itself. The factory stays a URL, so it can be serialized and bound elsewhere with its broker
 * settings.
 *
 * <p>Values may name system properties: {@code ${name}} or {@code ${name:default}}.
 *
 * <p>Immutable once built.
 */
final class JndiBindings {

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";
    static final String DEFAULT_URL = "vm://localhost";

    private final Map<String, Object> bound;

    private JndiBindings(Map<String, Object> bound) {
        this.bound = Collections.unmodifiableMap(bound);
    }

    /** Reads the bindings from a JNDI environment; entries with other keys are ignored. */
    static JndiBindings from(Map<?, ?> environment) throws NamingException {
        Map<String, Object> bound = new TreeMap<>();
        Map<String, String> brokerOptions = options(environment, key -> key.startsWith(EmbeddedBrokerConfig.KEY_OPTION_PREFIX));
        Map<String, String> clientOptions = options(environment, DeserializationAllowList.OPTION::equals);
        NamedFactory factories = (url, key) -> connectionFactory(
                withOptions(isVm(url) ? withOptions(url, brokerOptions) : url, clientOptions), key);
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (entry.getKey() instanceof String key && entry.getValue() instanceof String value) {
                if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                    bind(bound, key, CONNECTION_FACTORY_PREFIX, value, factories);
                } else if (key.startsWith(QUEUE_PREFIX)) {
                    bind(bound, key, QUEUE_PREFIX, value, (physical, k) -> new ClientQueue(physical));
                } else if (key.startsWith(TOPIC_PREFIX)) {
                    bind(bound, key, TOPIC_PREFIX, value, (physical, k) -> new ClientTopic(physical));
                }
            }
        }
        if (bound.values().stream().noneMatch(MessageStoreConnectionFactory.class::isInstance)) {
            Object url = environment.get(Context.PROVIDER_URL);
            String defaultUrl = url instanceof String s && !s.isBlank() ? s.trim() : DEFAULT_URL;
            Object factory = factories.create(defaultUrl, Context.PROVIDER_URL);
            for (String name : new String[] {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"}) {
                bound.putIfAbsent(name, factory);
            }
        }
        return new JndiBindings(bound);
    }

    /** The object bound to {@code name}, or a dynamic destination. */
    Object lookup(String name) throws NamingException {
        Object object = bound.get(name);
        if (object != null) {
            return object;
        }
        if (name.startsWith(DYNAMIC_QUEUES)) {
            return new ClientQueue(dynamicName(name, DYNAMIC_QUEUES));
        }
        if (name.startsWith(DYNAMIC_TOPICS)) {
            return new ClientTopic(dynamicName(name, DYNAMIC_TOPICS));
        }
        NameNotFoundException e = new NameNotFoundException("'" + name + "' is not bound; bound names: " + bound.keySet()
                + " (bind more with connectionFactory.<name>, queue.<name> or topic.<name> in the JNDI environment,"
                + " or look up dynamicQueues/<name> or dynamicTopics/<name>)");
        e.setRemainingName(new CompositeName().add(name));
        throw e;
    }

    /** The bound (not dynamic) objects, by name in alphabetical order. */
    Map<String, Object> all() {
        return bound;
    }

    private static void bind(Map<String, Object> bound, String key, String prefix, String value,
            NamedFactory factory) throws NamingException {
        String name = key.substring(prefix.length()).trim();
        if (name.isEmpty()) {
            throw new ConfigurationException("JNDI environment entry '" + key + "' has no name after '" + prefix + "'");
        }
        String trimmed = Placeholders.resolve(value, key).trim();
        if (trimmed.isEmpty()) {
            throw new ConfigurationException("JNDI environment entry '" + key + "' has an empty value");
        }
        Object previous = bound.put(name, factory.create(trimmed, key));
        if (previous != null) {
            throw new ConfigurationException("JNDI name '" + name + "' is bound twice: by '" + key + "' and by another entry");
        }
    }

    /** The entries whose names {@code wanted} accepts, their placeholders resolved, in name order. */
    private static Map<String, String> options(Map<?, ?> environment, Predicate<String> wanted) throws NamingException {
        Map<String, String> options = new TreeMap<>();
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (entry.getKey() instanceof String key && wanted.test(key) && entry.getValue() instanceof String value) {
                options.put(key, Placeholders.resolve(value, key).trim());
            }
        }
        return options;
    }

    private static boolean isVm(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("vm:");
    }

    /** {@code url} with the options it does not set itself. */
    private static String withOptions(String url, Map<String, String> options) {
        if (options.isEmpty()) {
            return url;
        }
        StringBuilder withOptions = new StringBuilder(url);
        char separator = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> option : options.entrySet()) {
            String encodedName = URLEncoder.encode(option.getKey(), StandardCharsets.UTF_8);
            if (!url.contains("?" + encodedName + "=") && !url.contains("&" + encodedName + "=")) {
                withOptions.append(separator).append(encodedName).append('=')
                        .append(URLEncoder.encode(option.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return withOptions.toString();
    }

    private static MessageStoreConnectionFactory connectionFactory(String url, String key) throws NamingException {
        try {
            return new MessageStoreConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            ConfigurationException failure = new ConfigurationException(
                    "JNDI environment entry '" + key + "': bad broker URL '" + url + "': " + e.getMessage());
            failure.setRootCause(e);
            throw failure;
        }
    }

    private static String dynamicName(String name, String prefix) throws InvalidNameException {
        String physical = name.substring(prefix.length());
        if (physical.isEmpty()) {
            throw new InvalidNameException("'" + name + "' names no destination after '" + prefix + "'");
        }
        return physical;
    }

    /** Builds the object for one environment entry; {@code key} is for error messages. */
    @FunctionalInterface
    private interface NamedFactory {
        Object create(String value, String key) throws NamingException;
    }
}
