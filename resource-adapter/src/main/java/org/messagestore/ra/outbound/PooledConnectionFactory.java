package org.messagestore.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.SecurityException;
import java.io.Serializable;
import javax.naming.Reference;
import org.messagestore.client.ClientContext;
import org.messagestore.client.JmsExceptions;

/**
 * The connection factory applications look up (or get injected): every connection it makes is a
 * {@link ConnectionHandle} on a connection the server's pool lends, and every JMSContext is built on
 * one. It serves the classic, queue, topic and simplified APIs alike.
 */
public class PooledConnectionFactory implements QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final MessageStoreManagedConnectionFactory factory;
    private final ConnectionManager connections;
    private Reference reference;

    PooledConnectionFactory(MessageStoreManagedConnectionFactory factory, ConnectionManager connections) {
        this.factory = factory;
        this.connections = connections;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(ConnectionRequest.DEFAULT);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new ConnectionRequest(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(ConnectionRequest.DEFAULT);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(new ConnectionRequest(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(ConnectionRequest.DEFAULT);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(new ConnectionRequest(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return context(ConnectionRequest.DEFAULT, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(new ConnectionRequest(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new ConnectionRequest(userName, password), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return context(ConnectionRequest.DEFAULT, sessionMode);
    }

    private JMSContext context(ConnectionRequest request, int sessionMode) {
        ClientContext.checkSessionMode(sessionMode);
        try {
            return new ContainerContext(allocate(request), sessionMode);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    private ConnectionHandle allocate(ConnectionRequest request) throws JMSException {
        try {
            return (ConnectionHandle) connections.allocateConnection(factory, request);
        } catch (SecurityException e) {
            throw linked(new JMSSecurityException("the broker refused the credentials: " + e.getMessage()), e);
        } catch (ResourceException e) {
            throw linked(new JMSException("no connection to the broker: " + e.getMessage()), e);
        }
    }

    private static JMSException linked(JMSException failure, ResourceException cause) {
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }

    /** Who this factory's connections log in as when the application names no one. */
    public Credentials signOn() {
        return factory.credentialsFor(null, ConnectionRequest.DEFAULT);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "PooledConnectionFactory[" + factory + "]";
    }
}
