package org.messagestore.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.ra.inbound.EndpointActivation;
import org.messagestore.ra.inbound.MessageStoreActivationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MessageStore resource adapter (Jakarta Connectors 2.1): one per deployed RAR. In
 * {@code start} it starts the embedded broker, with its Xodus store under the server's data
 * directory, or in remote mode takes the URL of a standalone broker; every pooled connection and
 * every MDB then reaches the broker through it. {@code stop} stops the MDB consumers, then the
 * broker.
 *
 * <p>MDBs are fed through the client's own API (an XA session with a message listener per
 * concurrent consumer, see {@link EndpointActivation}), not through ConnectionConsumer and
 * ServerSessionPool: the adapter needs exactly one thing from them, a transactional delivery
 * into an endpoint, and the listener path already does it with the delivery ordering, flow
 * control and redelivery the client has been tested for.
 *
 * <p>Configuration properties are JavaBean properties (see ra.xml); equality follows them, as the
 * Connectors specification asks.
 */
public class MessageStoreResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MessageStoreResourceAdapter.class);

    private String mode = AdapterSettings.EMBEDDED;
    private String url = "tcp://127.0.0.1:61616";
    private String userName;
    private String password;
    private String brokerName = "messagestore";
    private String dataDir;
    private String brokerConfig;
    private String brokerProperties;
    private String deserializationAllowList;
    private Long reconnectDelayMillis = 1000L;
    private Long reconnectMaxDelayMillis = 30_000L;

    private transient volatile BrokerLink link;
    private transient volatile ScheduledExecutorService reconnects;
    private transient Map<Key, EndpointActivation> activations;
    private transient RecoveryConnection recovery;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        AdapterSettings settings;
        try {
            settings = new AdapterSettings(mode, url, brokerName, text(dataDir), text(brokerConfig),
                    AdapterSettings.parseProperties(brokerProperties), text(deserializationAllowList));
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("MessageStore resource adapter: " + e.getMessage(), e);
        }
        this.link = BrokerLink.open(settings);
        this.activations = new ConcurrentHashMap<>();
        this.reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "messagestore-ra-reconnect");
            thread.setDaemon(true);
            return thread;
        });
        this.recovery = new RecoveryConnection(this);
        LOG.info("MessageStore resource adapter started: {}", link);
    }

    @Override
    public void stop() {
        activations.values().forEach(EndpointActivation::stop);
        activations.clear();
        recovery.close();
        reconnects.shutdownNow();
        link.close();
        LOG.info("MessageStore resource adapter stopped: {}", link);
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpoints, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof MessageStoreActivationSpec activationSpec)) {
            throw new NotSupportedException("expected a MessageStoreActivationSpec, got " + spec);
        }
        activationSpec.validate();
        EndpointActivation activation = new EndpointActivation(this, endpoints, activationSpec);
        activations.put(new Key(endpoints, activationSpec), activation);
        activation.start();
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpoints, ActivationSpec spec) {
        EndpointActivation activation = activations.remove(new Key(endpoints, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * The broker as the server's recovery manager scans it: one XAResource serves every branch of
     * the broker, whichever connection made it.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        XAResource resource = recovery.resource();
        return resource == null ? new XAResource[0] : new XAResource[] {resource};
    }

    // ---- for the outbound and inbound parts

    /** The adapter's own XA session on the broker, for completing branches whatever connection made them. */
    public XAResource recoveryResource() throws XAException {
        XAResource resource = recovery.resource();
        if (resource == null) {
            XAException failure = new XAException("the broker cannot be reached for transaction recovery");
            failure.errorCode = XAException.XAER_RMFAIL;
            throw failure;
        }
        return resource;
    }

    /** Where connections come from; only between start and stop. */
    public MessageStoreConnectionFactory connectionFactory() {
        BrokerLink current = link;
        if (current == null) {
            throw new IllegalStateException("the MessageStore resource adapter is not started");
        }
        return current.connectionFactory();
    }

    /** An XA connection as {@code user} (null: the adapter's userName, or none). */
    public XAConnection openXAConnection(String user, String secret) throws JMSException {
        return openXAConnection(connectionFactory(), user, secret);
    }

    /** An XA connection from {@code factory} as {@code user} (null: the adapter's userName, or none). */
    public XAConnection openXAConnection(MessageStoreConnectionFactory factory, String user, String secret) throws JMSException {
        String name = user != null ? user : text(userName).isEmpty() ? null : userName;
        String pass = user != null ? secret : password;
        return name == null ? factory.createXAConnection() : factory.createXAConnection(name, pass);
    }

    /** The adapter's factory with consumers prefetching {@code prefetch} messages (null: the client's default). */
    public MessageStoreConnectionFactory connectionFactory(Integer prefetch) {
        MessageStoreConnectionFactory base = connectionFactory();
        if (prefetch == null) {
            return base;
        }
        String url = base.getUrl();
        return new MessageStoreConnectionFactory(url + (url.contains("?") ? "&" : "?") + "prefetch=" + prefetch);
    }

    public ScheduledExecutorService reconnects() {
        return reconnects;
    }

    public Duration reconnectDelay() {
        return Duration.ofMillis(Math.max(1, reconnectDelayMillis));
    }

    public Duration reconnectMaxDelay() {
        return Duration.ofMillis(Math.max(reconnectDelayMillis, reconnectMaxDelayMillis));
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }

    /** The one XA session the recovery manager's scans go through, reopened if its connection broke. */
    private static final class RecoveryConnection {
        private final MessageStoreResourceAdapter adapter;
        private XAConnection connection;
        private XASession session;

        RecoveryConnection(MessageStoreResourceAdapter adapter) {
            this.adapter = adapter;
        }

        synchronized XAResource resource() {
            try {
                if (session == null) {
                    connection = adapter.openXAConnection(null, null);
                    connection.setExceptionListener(e -> close());
                    session = connection.createXASession();
                }
                return session.getXAResource();
            } catch (JMSException e) {
                LOG.warn("transaction recovery cannot reach the broker: {}", e.getMessage());
                close();
                return null;
            }
        }

        synchronized void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException e) {
                    LOG.debug("closing the recovery connection failed", e);
                }
            }
            connection = null;
            session = null;
        }
    }

    /** Activations are keyed by the pair the server passes to activation and deactivation. */
    private record Key(MessageEndpointFactory endpoints, ActivationSpec spec) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.endpoints == endpoints && key.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(endpoints) * 31 + System.identityHashCode(spec);
        }
    }

    // ---- configuration properties (ra.xml)

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode == null ? null : mode.trim();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url == null ? null : url.trim();
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public String getBrokerConfig() {
        return brokerConfig;
    }

    public void setBrokerConfig(String brokerConfig) {
        this.brokerConfig = brokerConfig;
    }

    public String getBrokerProperties() {
        return brokerProperties;
    }

    public void setBrokerProperties(String brokerProperties) {
        this.brokerProperties = brokerProperties;
    }

    public String getDeserializationAllowList() {
        return deserializationAllowList;
    }

    public void setDeserializationAllowList(String deserializationAllowList) {
        this.deserializationAllowList = deserializationAllowList;
    }

    public Long getReconnectDelayMillis() {
        return reconnectDelayMillis;
    }

    public void setReconnectDelayMillis(Long reconnectDelayMillis) {
        this.reconnectDelayMillis = reconnectDelayMillis;
    }

    public Long getReconnectMaxDelayMillis() {
        return reconnectMaxDelayMillis;
    }

    public void setReconnectMaxDelayMillis(Long reconnectMaxDelayMillis) {
        this.reconnectMaxDelayMillis = reconnectMaxDelayMillis;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageStoreResourceAdapter that && Objects.equals(mode, that.mode)
                && Objects.equals(url, that.url) && Objects.equals(userName, that.userName)
                && Objects.equals(password, that.password) && Objects.equals(brokerName, that.brokerName)
                && Objects.equals(dataDir, that.dataDir) && Objects.equals(brokerConfig, that.brokerConfig)
                && Objects.equals(brokerProperties, that.brokerProperties)
                && Objects.equals(deserializationAllowList, that.deserializationAllowList)
                && Objects.equals(reconnectDelayMillis, that.reconnectDelayMillis)
                && Objects.equals(reconnectMaxDelayMillis, that.reconnectMaxDelayMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, url, userName, brokerName, dataDir, brokerConfig, brokerProperties);
    }

    @Override
    public String toString() {
        return "MessageStoreResourceAdapter[mode=" + mode + (AdapterSettings.EMBEDDED.equals(mode)
                ? ", broker=" + brokerName : ", url=" + url) + "]";
    }
}
