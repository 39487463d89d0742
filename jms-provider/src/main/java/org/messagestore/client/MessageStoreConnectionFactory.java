package org.messagestore.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import java.io.Serializable;
import java.util.Locale;
import org.messagestore.client.message.DeserializationAllowList;
import org.messagestore.transport.BrokerAddress;
import org.messagestore.transport.Connector;

/**
 * The entry point of the client: connections and contexts for one broker URL.
 *
 * <pre>{@code
 * ConnectionFactory factory = new MessageStoreConnectionFactory("vm://demo");
 * }</pre>
 *
 * <p>URL options read here: {@code clientId} (an administratively configured client id: connections
 * start with it and {@code setClientID} on them throws IllegalStateException), {@code prefetch}
 * (messages a consumer may buffer ahead, default {@value #DEFAULT_PREFETCH}; 0 pulls one message per
 * receive), {@value #LAZY_AUTO_ACKNOWLEDGE} (default false: AUTO_ACKNOWLEDGE acknowledges lazily in
 * batches, as DUPS_OK_ACKNOWLEDGE does; see {@link LazyAcknowledgements}), {@code user} and
 * {@code password} (used by the no-argument create methods). Other
 * options belong to the transport, e.g. {@code vm://name?create=false}.
 *
 * <p>One class serves the three factory interfaces, as Jakarta Messaging 3.1 §4.1 allows, and their
 * three XA twins: {@code createXAConnection}/{@code createXAContext} give sessions whose
 * {@link javax.transaction.xa.XAResource} a transaction manager enlists (see {@link ClientXASession}).
 */
public class MessageStoreConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory, Serializable {

    /**
     * As ActiveMQ Classic's queue prefetch and OpenMQ's consumer flow limit, and about Artemis's 1 MiB
     * consumer window for 1 KiB messages: a consumer draining a backlog is then never waiting for credit,
     * and a lazy acknowledgement (half the prefetch) covers enough messages to be cheap.
     */
    public static final int DEFAULT_PREFETCH = 1000;
    /**
     * The URL option that makes AUTO_ACKNOWLEDGE sessions acknowledge lazily, in batches and without
     * waiting for the disk, as DUPS_OK_ACKNOWLEDGE sessions always do. Off by default: with it, messages
     * consumed shortly before a crash may be delivered again.
     */
    public static final String LAZY_AUTO_ACKNOWLEDGE = "lazyAutoAcknowledge";

    private final String url;
    private transient volatile ClientSettings settings;

    public MessageStoreConnectionFactory() {
        this("vm://localhost");
    }

    public MessageStoreConnectionFactory(String url) {
        this.url = url;
        this.settings = ClientSettings.from(BrokerAddress.parse(url));
    }

    public String getUrl() {
        return url;
    }

    private ClientSettings settings() {
        ClientSettings s = settings;
        if (s == null) {
            s = ClientSettings.from(BrokerAddress.parse(url));
            settings = s;
        }
        return s;
    }

    @Override
    public Connection createConnection() throws JMSException {
        ClientSettings s = settings();
        return createConnection(s.user(), s.password());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return open(userName, password, SessionDomain.UNIFIED);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        ClientSettings s = settings();
        return createQueueConnection(s.user(), s.password());
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return open(userName, password, SessionDomain.QUEUE);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        ClientSettings s = settings();
        return createTopicConnection(s.user(), s.password());
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return open(userName, password, SessionDomain.TOPIC);
    }

    @Override
    public JMSContext createContext() {
        ClientSettings s = settings();
        return createContext(s.user(), s.password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        ClientSettings s = settings();
        return createContext(s.user(), s.password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        ClientContext.checkSessionMode(sessionMode);
        try {
            return new ClientContext(open(userName, password, SessionDomain.UNIFIED), sessionMode);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    // ---- XA (XAConnectionFactory javadoc: for transaction managers and application servers;
    // applications use the transactions of their environment)

    @Override
    public XAConnection createXAConnection() throws JMSException {
        ClientSettings s = settings();
        return createXAConnection(s.user(), s.password());
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return openXa(userName, password, SessionDomain.UNIFIED);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        ClientSettings s = settings();
        return createXAQueueConnection(s.user(), s.password());
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return openXa(userName, password, SessionDomain.QUEUE);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        ClientSettings s = settings();
        return createXATopicConnection(s.user(), s.password());
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return openXa(userName, password, SessionDomain.TOPIC);
    }

    @Override
    public XAJMSContext createXAContext() {
        ClientSettings s = settings();
        return createXAContext(s.user(), s.password());
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        try {
            return new ClientXAContext(openXa(userName, password, SessionDomain.UNIFIED));
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    private ClientXAConnection openXa(String user, String password, SessionDomain domain) throws JMSException {
        return new ClientXAConnection(open(user, password, domain), domain, settings().resourceManager());
    }

    private ClientConnection open(String user, String password, SessionDomain domain) throws JMSException {
        ClientSettings s = settings();
        Connector connector = s.connector();
        return ClientConnection.open(connector, user, password, s, domain);
    }

    @Override
    public String toString() {
        return "MessageStoreConnectionFactory[" + url + "]";
    }

    /**
     * Client options taken from the URL.
     *
     * @param resourceManager the broker as an XA resource manager: scheme, host and port of the URL
     *                        without options (see {@link ClientXAResource#isSameRM})
     */
    record ClientSettings(Connector connector, String clientId, int prefetch, boolean lazyAutoAcknowledge, String user,
                          String password, String resourceManager, DeserializationAllowList deserializationAllowList) {
        static ClientSettings from(BrokerAddress address) {
            int prefetch = address.intOption("prefetch", DEFAULT_PREFETCH);
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be 0 or more, was " + prefetch);
            }
            String clientId = address.option("clientId", null);
            String resourceManager = address.scheme() + "://" + address.host().toLowerCase(Locale.ROOT)
                    + (address.port() >= 0 ? ":" + address.port() : "");
            return new ClientSettings(Connectors.forAddress(address), clientId == null || clientId.isEmpty() ? null : clientId,
                    prefetch, address.booleanOption(LAZY_AUTO_ACKNOWLEDGE, false), address.option("user", null),
                    address.option("password", null), resourceManager,
                    DeserializationAllowList.defaults().plus(address.option(DeserializationAllowList.OPTION, null)));
        }
    }

}
