package org.messagestore.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.jndi.MessageStoreInitialContextFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * ObjectMessage bodies are deserialized only as far as the receiving connection's allow list goes, in-VM
 * and over TCP: a class outside it is never instantiated, and the message stays intact for a consumer
 * that trusts more.
 */
class ObjectMessageAllowListTest {

    private static final long RECEIVE_MS = 5_000;

    @TempDir
    Path dataDir;

    private Broker broker;
    private TcpAcceptor acceptor;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws JMSException {
        RecordingGadget.READ.set(0);
        broker = Broker.start(BrokerConfig.defaults("allow-list-" + UUID.randomUUID()).withDataDir(dataDir));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
    }

    @AfterEach
    void stop() throws JMSException {
        for (Connection connection : connections) {
            connection.close();
        }
        acceptor.close();
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void aClassOutsideTheListIsNeverInstantiated(String transport) throws Exception {
        Session session = session(factory(transport, ""));
        Queue queue = session.createQueue("gadgets");
        session.createProducer(queue).send(session.createObjectMessage(new RecordingGadget()));

        ObjectMessage received = (ObjectMessage) session.createConsumer(queue).receive(RECEIVE_MS);

        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(RecordingGadget.class.getName())
                .hasMessageContaining("'deserializationAllowList'")
                .hasMessageContaining("'messagestore.deserializationAllowList'");
        assertThatThrownBy(() -> received.getBody(Serializable.class)).isInstanceOf(MessageFormatException.class);
        assertThat(received.isBodyAssignableTo(Serializable.class)).isFalse();
        assertThat(RecordingGadget.READ).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void aClassInsideAnAllowedCollectionIsCheckedToo(String transport) throws Exception {
        Session session = session(factory(transport, ""));
        Queue queue = session.createQueue("nested");
        HashMap<String, Object> nested = new HashMap<>(Map.of("orders", new ArrayList<>(List.of("a", new RecordingGadget()))));
        session.createProducer(queue).send(session.createObjectMessage(nested));

        ObjectMessage received = (ObjectMessage) session.createConsumer(queue).receive(RECEIVE_MS);

        assertThatThrownBy(received::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(RecordingGadget.class.getName());
        assertThat(RecordingGadget.READ).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void theRefusedMessageStaysIntactForAConsumerThatTrustsItsClass(String transport) throws Exception {
        Session cautious = session(factory(transport, ""), Session.CLIENT_ACKNOWLEDGE);
        Queue queue = cautious.createQueue("kept");
        cautious.createProducer(queue).send(cautious.createObjectMessage(new RecordingGadget()));
        ObjectMessage refused = (ObjectMessage) cautious.createConsumer(queue).receive(RECEIVE_MS);
        assertThatThrownBy(refused::getObject).isInstanceOf(MessageFormatException.class);
        cautious.close(); // unacknowledged: the message goes back to the queue

        Session trusting = session(factory(transport, DeserializationAllowList.OPTION + "=" + RecordingGadget.class.getName()));
        ObjectMessage again = (ObjectMessage) trusting.createConsumer(queue).receive(RECEIVE_MS);

        assertThat(again.getObject()).isInstanceOf(RecordingGadget.class);
        assertThat(RecordingGadget.READ).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void jdkValueTypesAreAllowedByDefault(String transport) throws Exception {
        Session session = session(factory(transport, ""));
        Queue queue = session.createQueue("values");
        HashMap<String, Object> body = new HashMap<>(Map.of("total", new BigDecimal("12.50"), "due", LocalDate.of(2027, 1, 31),
                "lines", new ArrayList<>(List.of(1, 2L, "three")), "counts", new int[] {1, 2}, "names", new String[] {"a"}));
        session.createProducer(queue).send(session.createObjectMessage(body));

        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) ((ObjectMessage) session.createConsumer(queue).receive(RECEIVE_MS)).getObject();

        assertThat(read).containsEntry("total", new BigDecimal("12.50")).containsEntry("due", LocalDate.of(2027, 1, 31));
        assertThat((int[]) read.get("counts")).containsExactly(1, 2);
    }

    @Test
    void aJndiEntryExtendsTheListOfEveryFactory() throws Exception {
        Hashtable<String, String> environment = new Hashtable<>(Map.of(
                Context.INITIAL_CONTEXT_FACTORY, MessageStoreInitialContextFactory.class.getName(),
                "connectionFactory.Remote", "tcp://127.0.0.1:" + acceptor.port(),
                DeserializationAllowList.OPTION, RecordingGadget.class.getPackageName()));
        Session session = session((ConnectionFactory) new InitialContext(environment).lookup("Remote"));
        Queue queue = session.createQueue("jndi");
        session.createProducer(queue).send(session.createObjectMessage(new RecordingGadget()));

        assertThat(((ObjectMessage) session.createConsumer(queue).receive(RECEIVE_MS)).getObject()).isInstanceOf(RecordingGadget.class);
    }

    @Test
    void theSystemPropertyExtendsTheListOfFactoriesMadeAfterwards() throws Exception {
        String previous = System.getProperty(DeserializationAllowList.SYSTEM_PROPERTY);
        System.setProperty(DeserializationAllowList.SYSTEM_PROPERTY, "org.messagestore.client.*");
        ConnectionFactory factory;
        try {
            factory = factory("vm", "");
        } finally {
            if (previous == null) {
                System.clearProperty(DeserializationAllowList.SYSTEM_PROPERTY);
            } else {
                System.setProperty(DeserializationAllowList.SYSTEM_PROPERTY, previous);
            }
        }
        Session session = session(factory);
        Queue queue = session.createQueue("system");
        session.createProducer(queue).send(session.createObjectMessage(new RecordingGadget()));

        assertThat(((ObjectMessage) session.createConsumer(queue).receive(RECEIVE_MS)).getObject()).isInstanceOf(RecordingGadget.class);
    }

    @Test
    void entriesNameClassesPackagesOrPackageTrees() {
        DeserializationAllowList defaults = DeserializationAllowList.defaults();
        assertThat(defaults.allows(String.class)).isTrue();
        assertThat(defaults.allows(long[][].class)).isTrue();
        assertThat(defaults.allows(BigDecimal[].class)).isTrue();
        assertThat(defaults.allows(java.util.concurrent.ConcurrentHashMap.class)).as("subpackages need .*").isFalse();
        assertThat(defaults.allows(java.lang.reflect.Proxy.class)).isFalse();
        assertThat(defaults.allows(RecordingGadget.class)).isFalse();

        assertThat(defaults.plus("org.messagestore.client.message").allows(RecordingGadget.class)).isTrue();
        assertThat(defaults.plus("org.messagestore.client").allows(RecordingGadget.class)).isFalse();
        assertThat(defaults.plus("org.messagestore.*").allows(RecordingGadget[].class)).isTrue();
        assertThat(defaults.plus(RecordingGadget.class.getName()).allows(RecordingGadget.class)).isTrue();
        assertThat(defaults.plus("*").allows(java.lang.reflect.Proxy.class)).isTrue();
    }

    private MessageStoreConnectionFactory factory(String transport, String options) {
        String url = transport.equals("vm") ? "vm://" + broker.name() + "?create=false" : "tcp://127.0.0.1:" + acceptor.port();
        return new MessageStoreConnectionFactory(options.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + options);
    }

    private Session session(ConnectionFactory factory) throws JMSException {
        return session(factory, Session.AUTO_ACKNOWLEDGE);
    }

    private Session session(ConnectionFactory factory, int mode) throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        connection.start();
        return connection.createSession(false, mode);
    }
}
