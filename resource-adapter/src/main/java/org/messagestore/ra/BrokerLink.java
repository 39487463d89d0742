package org.messagestore.ra;

import jakarta.jms.JMSException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagestore.broker.Broker;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.broker.jmx.BrokerMBeans;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.client.message.DeserializationAllowList;
import org.messagestore.config.EmbeddedBrokerConfig;
import org.messagestore.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the adapter reaches its broker: the broker it started inside the server (embedded mode), or
 * one at a URL (remote mode). Every connection the adapter opens, pooled or for an MDB, comes from
 * {@link #connectionFactory()}.
 */
final class BrokerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    /** Where the embedded store goes when no dataDir is configured: under the server's data directory. */
    static final String SERVER_DATA_DIR_PROPERTY = "jboss.server.data.dir";

    private final Broker embedded;
    private final boolean started;
    private final MessageStoreConnectionFactory factory;
    /** The embedded broker's MBeans, registered by the link that started it; null otherwise. */
    private final BrokerMBeans mbeans;

    private BrokerLink(Broker embedded, boolean started, String url) {
        this.embedded = embedded;
        this.started = started;
        this.factory = new MessageStoreConnectionFactory(url);
        this.mbeans = started ? registerMBeans(embedded) : null;
    }

    /**
     * The embedded broker's MBeans on the platform MBean server, which the application server's console
     * and jconsole show, as for the standalone server. A broker that cannot be registered (its name taken)
     * still runs, without them.
     */
    private static BrokerMBeans registerMBeans(Broker broker) {
        try {
            return BrokerMBeans.start(broker, ManagementFactory.getPlatformMBeanServer(), BrokerMBeans.REFRESH_INTERVAL);
        } catch (RuntimeException e) {
            LOG.warn("embedded broker '{}' runs without its MBeans: {}", broker.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Starts the embedded broker, or only checks the remote URL: a remote broker may come later. An
     * embedded broker of that name already running in the server is shared, not started twice: WildFly
     * makes an adapter instance of its own for each {@code @JMSConnectionFactoryDefinition} and
     * {@code @JMSDestinationDefinition} that names the adapter.
     */
    static BrokerLink open(AdapterSettings settings) throws ResourceAdapterInternalException {
        if (settings.embedded()) {
            boolean[] started = new boolean[1];
            Broker broker;
            try {
                broker = RunningBrokers.findOrStart(settings.brokerName(), () -> {
                    started[0] = true;
                    return startEmbedded(settings);
                });
            } catch (JMSException e) {
                throw new ResourceAdapterInternalException("cannot start the embedded broker '" + settings.brokerName()
                        + "': " + e.getMessage(), e);
            }
            return new BrokerLink(broker, started[0], withAllowList("vm://" + settings.brokerName() + "?create=false", settings));
        }
        String url = settings.url();
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            throw new ResourceAdapterInternalException("remote mode needs url = tcp://host:port or ssl://host:port, not " + url);
        }
        return new BrokerLink(null, false, withAllowList(url, settings));
    }

    private static Broker startEmbedded(AdapterSettings settings) throws JMSException {
        Map<String, String> options = new LinkedHashMap<>();
        if (!settings.brokerConfig().isEmpty()) {
            options.put(EmbeddedBrokerConfig.CONFIG_OPTION, settings.brokerConfig());
        }
        settings.brokerProperties().forEach((key, value) -> options.put(EmbeddedBrokerConfig.KEY_OPTION_PREFIX + key, value));
        options.put(EmbeddedBrokerConfig.DATA_DIR_OPTION, dataDir(settings));
        ClassLoader adapterLoader = BrokerLink.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(adapterLoader); // the store provider is found through the RAR's jars
        try {
            return Broker.start(EmbeddedBrokerConfig.load(settings.brokerName(), options, adapterLoader));
        } catch (InvalidConfigException e) {
            JMSException failure = new JMSException(e.getMessage());
            failure.initCause(e);
            throw failure;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String dataDir(AdapterSettings settings) {
        if (!settings.dataDir().isEmpty()) {
            return settings.dataDir();
        }
        String serverData = System.getProperty(SERVER_DATA_DIR_PROPERTY);
        Path base = serverData != null ? Path.of(serverData) : Path.of("data");
        return base.resolve("messagestore").toString();
    }

    private static String withAllowList(String url, AdapterSettings settings) {
        if (settings.deserializationAllowList().isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + DeserializationAllowList.OPTION + "="
                + URLEncoder.encode(settings.deserializationAllowList(), StandardCharsets.UTF_8);
    }

    MessageStoreConnectionFactory connectionFactory() {
        return factory;
    }

    /** Closes the embedded broker if this link started it. */
    @Override
    public void close() {
        if (mbeans != null) {
            mbeans.close();
        }
        if (started) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        return embedded != null ? (started ? "" : "shared ") + "embedded broker '" + embedded.name() + "'"
                : "broker at " + factory.getUrl();
    }
}
