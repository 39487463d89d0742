package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMS API against a broker in the same JVM reached only over TCP on 127.0.0.1. */
class TcpEndToEndTest {

    private static final long RECEIVE_MS = 5_000;

    @TempDir
    Path dataDir;

    private TcpBroker server;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startBroker() throws JMSException {
        server = new TcpBroker(dataDir);
    }

    @AfterEach
    void stopAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        server.close();
    }

    private Connection connect(String options) throws JMSException {
        Connection connection = server.factory(options).createConnection();
        open.add(connection);
        return connection;
    }

    private Connection connect() throws JMSException {
        return connect("");
    }

    @Test
    void everyMessageTypeArrivesWithItsBodyHeadersAndProperties() throws Exception {
        Connection connection = connect();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("types");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        Message plain = session.createMessage();
        plain.setBooleanProperty("bool", true);
        plain.setByteProperty("byte", (byte) 3);
        plain.setShortProperty("short", (short) 4);
        plain.setIntProperty("int", 5);
        plain.setLongProperty("long", 6L);
        plain.setFloatProperty("float", 7.5f);
        plain.setDoubleProperty("double", 8.25);
        plain.setStringProperty("string", "nine");
        plain.setJMSCorrelationID("corr-1");
        plain.setJMSType("kind");
        producer.send(plain, DeliveryMode.PERSISTENT, 7, 60_000);
        Message got = consumer.receive(RECEIVE_MS);
        assertThat(got.getBooleanProperty("bool")).isTrue();
        assertThat(got.getObjectProperty("byte")).isEqualTo((byte) 3);
        assertThat(got.getObjectProperty("short")).isEqualTo((short) 4);
        assertThat(got.getObjectProperty("int")).isEqualTo(5);
        assertThat(got.getObjectProperty("long")).isEqualTo(6L);
        assertThat(got.getObjectProperty("float")).isEqualTo(7.5f);
        assertThat(got.getObjectProperty("double")).isEqualTo(8.25);
        assertThat(got.getStringProperty("string")).isEqualTo("nine");
        assertThat(got.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(got.getJMSType()).isEqualTo("kind");
        assertThat(got.getJMSPriority()).isEqualTo(7);
        assertThat(got.getJMSExpiration()).isPositive();
        assertThat(got.getJMSMessageID()).isEqualTo(plain.getJMSMessageID());
        assertThat(got.getJMSDestination()).isEqualTo(queue);

        producer.send(session.createTextMessage("héllo €"));
        assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("héllo €");

        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        bytes.writeInt(42);
        producer.send(bytes);
        BytesMessage gotBytes = (BytesMessage) consumer.receive(RECEIVE_MS);
        byte[] three = new byte[3];
        assertThat(gotBytes.readBytes(three)).isEqualTo(3);
        assertThat(three).containsExactly(1, 2, 3);
        assertThat(gotBytes.readInt()).isEqualTo(42);

        MapMessage map = session.createMapMessage();
        map.setString("name", "x");
        map.setLong("n", 12L);
        producer.send(map);
        MapMessage gotMap = (MapMessage) consumer.receive(RECEIVE_MS);
        assertThat(gotMap.getString("name")).isEqualTo("x");
        assertThat(gotMap.getLong("n")).isEqualTo(12L);

        StreamMessage stream = session.createStreamMessage();
        stream.writeString("s");
        stream.writeDouble(1.25);
        producer.send(stream);
        StreamMessage gotStream = (StreamMessage) consumer.receive(RECEIVE_MS);
        assertThat(gotStream.readString()).isEqualTo("s");
        assertThat(gotStream.readDouble()).isEqualTo(1.25);

        producer.send(session.createObjectMessage(new java.util.ArrayList<>(List.of("a", "b"))));
        assertThat(((ObjectMessage) consumer.receive(RECEIVE_MS)).getObject()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void rolledBackMessageIsRedeliveredAndCommitConsumesIt() throws Exception {
        Connection connection = connect();
        connection.start();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("tx");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        producer.send(session.createTextMessage("one"));
        assertThat(consumer.receive(200)).as("uncommitted send is invisible").isNull();
        session.commit();

        Message first = consumer.receive(RECEIVE_MS);
        assertThat(first.getJMSRedelivered()).isFalse();
        session.rollback();
        Message again = consumer.receive(RECEIVE_MS);
        assertThat(((TextMessage) again).getText()).isEqualTo("one");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        session.commit();
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileItsConsumerIsAway() throws Exception {
        Connection first = connect("clientId=durable-client");
        Session session = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        session.createDurableSubscriber(topic, "sub").close();
        session.createProducer(topic).send(session.createTextMessage("while away"));
        first.close();

        Connection second = connect("clientId=durable-client");
        second.start();
        Session session2 = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer subscriber = session2.createDurableSubscriber(session2.createTopic("news"), "sub");
        assertThat(((TextMessage) subscriber.receive(RECEIVE_MS)).getText()).isEqualTo("while away");
        subscriber.close();
        session2.unsubscribe("sub");
    }

    @Test
    void temporaryQueueCarriesTheReply() throws Exception {
        Connection requester = connect();
        Connection responder = connect();
        requester.start();
        responder.start();
        Session requestSession = requester.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session responderSession = responder.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = requestSession.createQueue("requests");
        TemporaryQueue replies = requestSession.createTemporaryQueue();

        TextMessage request = requestSession.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requestSession.createProducer(requests).send(request);

        Message received = responderSession.createConsumer(requests).receive(RECEIVE_MS);
        responderSession.createProducer(received.getJMSReplyTo()).send(responderSession.createTextMessage("pong"));

        MessageConsumer replyConsumer = requestSession.createConsumer(replies);
        assertThat(((TextMessage) replyConsumer.receive(RECEIVE_MS)).getText()).isEqualTo("pong");
        replyConsumer.close();
        replies.delete();
    }

    @Test
    void messageListenerReceivesInOrder() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("listened");
        List<String> received = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                received.add(((TextMessage) m).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
        Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(queue);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add("m" + i);
            producer.send(producerSession.createTextMessage("m" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == sent.size());
        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void prefetchZeroReceivesByPulling() throws Exception {
        Connection connection = connect("prefetch=0");
        connection.start();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("pulled");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(100)).isNull();
        session.createProducer(queue).send(session.createTextMessage("one"));
        Message one = consumer.receive(RECEIVE_MS);
        assertThat(((TextMessage) one).getText()).isEqualTo("one");
        one.acknowledge();
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void browserSeesMessagesWithoutConsumingThem() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("b" + i));
        }
        QueueBrowser browser = session.createBrowser(queue);
        List<String> seen = new ArrayList<>();
        for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
            seen.add(((TextMessage) e.nextElement()).getText());
        }
        browser.close();
        assertThat(seen).containsExactly("b0", "b1", "b2");
        connection.start();
        assertThat(session.createConsumer(queue).receive(RECEIVE_MS)).isNotNull();
    }

    @Test
    void asynchronousSendCompletesThroughItsListener() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        List<Message> completed = new CopyOnWriteArrayList<>();
        producer.send(session.createTextMessage("a"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.add(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> completed.size() == 1);
    }

    @Test
    void clientIdInUseIsInvalidClientIDException() throws Exception {
        connect().setClientID("taken");
        Connection other = connect();
        assertThatThrownBy(() -> other.setClientID("taken")).isInstanceOf(InvalidClientIDException.class)
                .hasMessageContaining("taken");
    }

    @Test
    void badSelectorIsInvalidSelectorException() throws Exception {
        Session session = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(() -> session.createConsumer(session.createQueue("q"), "a = = b"))
                .isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void refusedCredentialsAreJMSSecurityException(@TempDir Path otherDir) throws Exception {
        try (TcpBroker secured = new TcpBroker(otherDir, TcpOptions.defaults(),
                config -> config.withUsers(Map.of("alice", "secret")))) {
            var factory = secured.factory();
            assertThatThrownBy(() -> factory.createConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection()).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createContext("mallory", "x")).isInstanceOf(JMSSecurityRuntimeException.class);
            try (JMSContext context = factory.createContext("alice", "secret")) {
                context.createProducer().send(context.createQueue("secured"), "allowed");
                assertThat(context.createConsumer(context.createQueue("secured")).receiveBody(String.class, RECEIVE_MS))
                        .isEqualTo("allowed");
            }
        }
    }
}
