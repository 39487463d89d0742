package org.messagestore.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import org.messagestore.transport.BrokerAddress;
import org.messagestore.transport.Connector;
import org.messagestore.transport.Connectors;

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
 * receive), {@code user} and {@code password} (used by the no-argument create methods). Other
 * options belong to the transport, e.g. {@code vm://name?create=false}.
 *
 * <p>One class serves the three factory interfaces, as Jakarta Messaging 3.1 §4.1 allows.
 */
public class MessageStoreConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable {

    public static final int DEFAULT_PREFETCH = 100;

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

    private ClientConnection open(String user, String password, SessionDomain domain) throws JMSException {
        ClientSettings s = settings();
        Connector connector = s.connector();
        return ClientConnection.open(connector, user, password, s, domain);
    }

    @Override
    public String toString() {
        return "MessageStoreConnectionFactory[" + url + "]";
    }

    /** Client options taken from the URL. */
    record ClientSettings(Connector connector, String clientId, int prefetch, String user, String password) {
        static ClientSettings from(BrokerAddress address) {
            int prefetch = address.intOption("prefetch", DEFAULT_PREFETCH);
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be 0 or more, was " + prefetch);
            }
            String clientId = address.option("clientId", null);
            return new ClientSettings(Connectors.forAddress(address), clientId == null || clientId.isEmpty() ? null : clientId,
                    prefetch, address.option("user", null), address.option("password", null));
        }
    }

}
