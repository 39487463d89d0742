package org.messagestore.ra.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.ra.MessageStoreResourceAdapter;

/**
 * The outbound half outside an application server (Connectors 2.1, 6.5.2 "non-managed"): the adapter
 * starts its embedded broker on a real Xodus store, and the factory's handles follow the container's
 * rules even without a container.
 */
class UnmanagedConnectionsTest {

    @TempDir
    Path dataDir;

    private MessageStoreResourceAdapter adapter;
    private ConnectionFactory factory;

    @BeforeEach
    void startAdapter() throws Exception {
        adapter = new MessageStoreResourceAdapter();
        adapter.setBrokerName("unmanaged-" + System.nanoTime());
        adapter.setDataDir(dataDir.toString());
        adapter.start(null);
        MessageStoreManagedConnectionFactory connections = new MessageStoreManagedConnectionFactory();
        connections.setResourceAdapter(adapter);
        factory = (ConnectionFactory) connections.createConnectionFactory();
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void aContextSendsAndReceivesThroughTheEmbeddedBroker() {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue("unmanaged"), "hello");
            assertThat(context.createConsumer(context.createQueue("unmanaged")).receiveBody(String.class, 5_000))
                    .isEqualTo("hello");
        }
    }

    @Test
    void outsideATransactionATransactedSessionIsAutoAcknowledge() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThat(session.getTransacted()).isFalse();
            assertThat(session.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void clientAcknowledgeWorksAndAClosedConnectionLeavesNothingBehind() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            session.createProducer(session.createQueue("acked")).send(session.createTextMessage("one"));
            connection.start();
            Message first = session.createConsumer(session.createQueue("acked")).receive(5_000);
            assertThat(first).isNotNull();
            // not acknowledged: closing the connection gives it back
        }
        try (JMSContext context = factory.createContext()) {
            Message again = context.createConsumer(context.createQueue("acked")).receive(5_000);
            assertThat(again).isNotNull();
            assertThat(again.getJMSRedelivered()).isTrue();
        }
    }

    @Test
    void theContainersForbiddenMethodsThrow() throws Exception {
        try (Connection connection = factory.createConnection()) {
            assertThatThrownBy(() -> connection.setClientID("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("12.2");
            assertThatThrownBy(connection::stop).isInstanceOf(IllegalStateException.class);
            Session session = connection.createSession();
            assertThatThrownBy(() -> session.setMessageListener(m -> { })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only one");
        }
        try (JMSContext context = factory.createContext()) {
            assertThatThrownBy(context::stop).isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE))
                    .isInstanceOf(IllegalStateRuntimeException.class);
        }
    }
}
