package org.messagestore.broker.security;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.memory.InMemoryStore;

/**
 * An in-VM broker with an in-memory store and the given configuration, reached only through the JMS
 * API ({@code vm://<name>?create=false}); closes the connections it opened, then the broker.
 */
final class SecuredBroker implements AutoCloseable {

    final Broker broker;
    private final List<Connection> connections = new ArrayList<>();

    SecuredBroker(UnaryOperator<BrokerConfig> customize) throws JMSException {
        broker = Broker.start(customize.apply(
                BrokerConfig.defaults("security-test-" + UUID.randomUUID()).withStore(new InMemoryStore())));
    }

    MessageStoreConnectionFactory factory() {
        return new MessageStoreConnectionFactory("vm://" + broker.name() + "?create=false");
    }

    /** A started connection as {@code user} (null: anonymous), closed with the broker. */
    Connection connect(String user, String password) throws JMSException {
        return connect(user, password, null);
    }

    /** Likewise, with a client id (null: none). */
    Connection connect(String user, String password, String clientId) throws JMSException {
        Connection connection = user == null ? factory().createConnection() : factory().createConnection(user, password);
        connections.add(connection);
        if (clientId != null) {
            connection.setClientID(clientId);
        }
        connection.start();
        return connection;
    }

    @Override
    public void close() throws JMSException {
        Collections.reverse(connections);
        for (Connection connection : connections) {
            connection.close();
        }
        broker.close();
    }
}
