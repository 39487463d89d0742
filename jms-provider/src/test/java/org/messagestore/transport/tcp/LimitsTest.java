package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.ResourceLimits;
import org.messagestore.client.MessageStoreConnectionFactory;

/** Limits on connections, sessions and consumers refuse what is over them and change nothing else. */
class LimitsTest {

    @TempDir
    Path dataDir;

    private Broker broker;
    private TcpAcceptor acceptor;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stop() throws JMSException {
        for (Connection connection : connections) {
            connection.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void aSessionOverTheLimitIsRefusedAndOneClosedMakesRoom(String transport) throws Exception {
        start(new ResourceLimits(2, 10), ConnectionLimits.defaults());
        Connection connection = connect(transport);
        connection.createSession();
        Session second = connection.createSession();

        assertThatThrownBy(connection::createSession)
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("maxSessionsPerConnection");
        second.close();
        assertThat(connection.createSession()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void aConsumerOverTheLimitIsRefusedAndTheSessionGoesOn(String transport) throws Exception {
        start(new ResourceLimits(10, 2), ConnectionLimits.defaults());
        Connection connection = connect(transport);
        Session session = connection.createSession();
        Queue queue = session.createQueue("limited");
        session.createConsumer(queue);
        session.createConsumer(queue).close();
        session.createConsumer(queue);

        assertThatThrownBy(() -> session.createConsumer(queue))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("maxConsumersPerSession");
        session.createProducer(queue).send(session.createTextMessage("still works"));
    }

    @Test
    void connectionsOverTheAcceptorsLimitAreClosedBeforeTheHandshake() throws Exception {
        start(ResourceLimits.DEFAULT, new ConnectionLimits(2, 2));
        connect("tcp");
        Connection second = connect("tcp");

        assertThatThrownBy(() -> connect("tcp")).isInstanceOf(JMSException.class);
        second.close();
        connections.remove(second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connect("tcp")).isNotNull());
    }

    @Test
    void connectionsFromOneAddressAreLimitedBelowTheTotal() throws Exception {
        start(ResourceLimits.DEFAULT, new ConnectionLimits(10, 1));
        connect("tcp");

        assertThatThrownBy(() -> connect("tcp")).isInstanceOf(JMSException.class);
    }

    private void start(ResourceLimits limits, ConnectionLimits connectionLimits) throws JMSException {
        broker = Broker.start(BrokerConfig.defaults("limits-" + UUID.randomUUID()).withDataDir(dataDir).withLimits(limits));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults(), null, connectionLimits);
    }

    private Connection connect(String transport) throws JMSException {
        String url = transport.equals("vm") ? "vm://" + broker.name() + "?create=false" : "tcp://127.0.0.1:" + acceptor.port();
        Connection connection = new MessageStoreConnectionFactory(url).createConnection();
        connections.add(connection);
        return connection;
    }
}
