package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * Base class of the classic-API conformance tests.
 *
 * <p>Every test class talks to its own embedded broker ({@code vm://<TestClass>-<n>-<random>}: the random
 * part keeps a rerun from meeting state left by an earlier run), every test uses its own destination
 * names and client ids, and everything a test opens through this class is closed in {@link #closeAll()},
 * newest first, so that a failing test leaks neither threads nor subscriptions into the next one.
 *
 * <p>Only the jakarta.jms API is used; the provider appears solely as {@link MessageStoreConnectionFactory}.
 */
abstract class JmsTestSupport {

    /** How long a test waits for a message that must arrive. */
    static final long RECEIVE_TIMEOUT_MS = 5_000;
    /** How long a test waits to be reasonably sure that a message does NOT arrive. */
    static final long NO_MESSAGE_TIMEOUT_MS = 200;
    static final Duration AWAIT = Duration.ofSeconds(10);

    /**
     * The transport the suite runs over: {@code vm} (default) or {@code tcp}, from the system property
     * {@code messagestore.transport}; the build runs the suite once with each.
     */
    static final boolean OVER_TCP = "tcp".equals(System.getProperty("messagestore.transport", "vm"));

    private static final Map<Class<?>, String> BROKER_NAMES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, TcpAcceptor> ACCEPTORS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> DATA_DIRS = new ConcurrentHashMap<>();
    private static final AtomicInteger BROKER_COUNTER = new AtomicInteger();
    private static final AtomicInteger NAME_COUNTER = new AtomicInteger();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private String testName = "test";

    /** An open, not yet started connection on this class's broker (no client id). */
    protected Connection connection;

    @BeforeEach
    void openConnection(TestInfo info) throws JMSException {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        connection = newConnection();
    }

    @AfterEach
    void closeAll() throws Exception {
        Exception first = null;
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        for (ExecutorService executor : executors) {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("a test thread did not finish within 10s after the test");
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops this class's broker (and acceptor) and removes its data directory: nothing outlives the class. */
    @AfterAll
    static void stopBroker(TestInfo info) throws IOException {
        Class<?> testClass = info.getTestClass().orElseThrow();
        TcpAcceptor acceptor = ACCEPTORS.remove(testClass);
        if (acceptor != null) {
            acceptor.close();
        }
        String name = BROKER_NAMES.remove(testClass);
        Broker broker = name == null ? null : RunningBrokers.find(name);
        if (broker != null) {
            broker.close();
        }
        String dir = DATA_DIRS.remove(testClass);
        if (dir != null) {
            try (var paths = Files.walk(Path.of(dir))) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The broker of this test class, e.g. {@code ConnectionTest-3-1a2b3c4d}. */
    protected String brokerName() {
        return BROKER_NAMES.computeIfAbsent(getClass(), c -> c.getSimpleName() + "-" + BROKER_COUNTER.incrementAndGet()
                + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The URL of this class's broker, with URL options such as {@code "prefetch=0"} (may be empty). The broker
     * keeps any files in a fresh temporary directory, never in the working directory.
     */
    protected String brokerUrl(String options) {
        String url = OVER_TCP
                ? "tcp://127.0.0.1:" + acceptor().port() + "?heartbeatMillis=60000"
                : "vm://" + brokerName() + "?dataDir=" + dataDir();
        return options == null || options.isEmpty() ? url : url + "&" + options;
    }

    /** Over TCP: this class's broker, started explicitly, behind an acceptor on an ephemeral port. */
    private TcpAcceptor acceptor() {
        return ACCEPTORS.computeIfAbsent(getClass(), c -> {
            try {
                Broker broker = Broker.start(BrokerConfig.defaults(brokerName()).withDataDir(Path.of(dataDir())));
                return TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
            } catch (JMSException e) {
                throw new IllegalStateException("could not start the broker for " + c.getSimpleName(), e);
            }
        });
    }

    private String dataDir() {
        return DATA_DIRS.computeIfAbsent(getClass(), c -> {
            try {
                return Files.createTempDirectory("messagestore-conformance-").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    protected MessageStoreConnectionFactory factory() {
        return factory("");
    }

    protected MessageStoreConnectionFactory factory(String options) {
        return new MessageStoreConnectionFactory(brokerUrl(options));
    }

    /** A new connection on this class's broker; closed after the test. */
    protected Connection newConnection() throws JMSException {
        return newConnection("");
    }

    protected Connection newConnection(String options) throws JMSException {
        return track(factory(options).createConnection());
    }

    /** Registers something to close after the test (closed newest first). */
    protected <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    /** A name no other test uses, e.g. {@code q-transactedSendIsInvisible-17}. */
    protected String uniqueName(String prefix) {
        return prefix + "-" + testName + "-" + NAME_COUNTER.incrementAndGet();
    }

    protected Session autoSession() throws JMSException {
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    protected Queue newQueue(Session session) throws JMSException {
        return session.createQueue(uniqueName("q"));
    }

    protected Topic newTopic(Session session) throws JMSException {
        return session.createTopic(uniqueName("t"));
    }

    /** Sends one text message per text with the producer defaults; returns the sent message objects. */
    protected static List<TextMessage> sendTexts(Session session, Destination destination, String... texts)
            throws JMSException {
        List<TextMessage> sent = new ArrayList<>();
        try (MessageProducer producer = session.createProducer(destination)) {
            for (String text : texts) {
                TextMessage message = session.createTextMessage(text);
                producer.send(message);
                sent.add(message);
            }
        }
        return sent;
    }

    /** Receives a message that must arrive within {@link #RECEIVE_TIMEOUT_MS}. */
    protected static Message receiveMessage(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
        assertThat(message).as("a message should arrive within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        return message;
    }

    protected static String receiveText(MessageConsumer consumer) throws JMSException {
        Message message = receiveMessage(consumer);
        assertThat(message).isInstanceOf(TextMessage.class);
        return ((TextMessage) message).getText();
    }

    /** Receives {@code count} messages and returns their texts in arrival order. */
    protected static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(receiveText(consumer));
        }
        return texts;
    }

    protected static void assertNoMessage(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(NO_MESSAGE_TIMEOUT_MS);
        assertThat(message).as("no message expected, but got %s", message).isNull();
    }

    protected static int deliveryCount(Message message) throws JMSException {
        return message.getIntProperty("JMSXDeliveryCount");
    }

    protected static String[] texts(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + i;
        }
        return texts;
    }

    /** Asserts that the call throws {@code type} (or a subtype). */
    protected static void assertThrows(Class<? extends Throwable> type, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(type);
    }

    /** Asserts that the call throws jakarta.jms.IllegalStateException. */
    protected static void assertIllegalState(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    /** An executor for a test's helper threads; shut down (and awaited) after the test. */
    protected ExecutorService newExecutor() {
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "conformance-" + testName);
            t.setDaemon(true);
            return t;
        });
        executors.add(executor);
        return executor;
    }
}
