package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.security.PasswordHash;
import org.messagestore.broker.security.SecurityConfig;
import org.messagestore.broker.security.UsersFileAuthenticator;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Failed logins are slowed per address and hashed on a small pool of their own: a flood of wrong
 * passwords does not starve an authenticated client. Timing is asserted loosely (a lower bound for
 * the back-off, a generous multiple for the round trip); the benchmark measures it properly.
 */
class LoginFloodTest {

    /** Enough iterations that a hash costs real CPU (about a millisecond here), few enough for a test. */
    private static final int ITERATIONS = 20_000;

    @TempDir
    Path dir;

    private Broker broker;
    private TcpAcceptor acceptor;

    @BeforeEach
    void start() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"),
                "app = " + PasswordHash.of("secret".toCharArray(), ITERATIONS).encoded() + "\n");
        broker = Broker.start(BrokerConfig.defaults("flood-" + UUID.randomUUID()).withDataDir(dir.resolve("data"))
                .withSecurity(SecurityConfig.defaults().withAuthenticator(UsersFileAuthenticator.load(users))));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
    }

    @AfterEach
    void stop() {
        acceptor.close();
        broker.close();
    }

    @Test
    void eachFailedLoginFromAnAddressWaitsLongerThanTheOneBefore() {
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> factory().createConnection("app", "guess").close())
                    .isInstanceOf(JMSSecurityException.class);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        // No wait before the first, then 100 ms and 200 ms.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(LoginGate.FIRST_DELAY_MILLIS * 3);
    }

    @Test
    void anAuthenticatedClientKeepsWorkingDuringAFloodOfWrongPasswords() throws Exception {
        try (Connection connection = factory().createConnection("app", "secret")) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("work");
            MessageProducer producer = session.createProducer(queue);
            MessageConsumer consumer = session.createConsumer(queue);
            long quiet = medianRoundTripNanos(session, producer, consumer);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread thread = new Thread(() -> {
                    while (flooding.get()) {
                        try {
                            factory().createConnection("app", "wrong-" + UUID.randomUUID()).close();
                        } catch (JMSException e) {
                            refused.incrementAndGet();
                        }
                    }
                }, "flood-" + i);
                thread.start();
                flood.add(thread);
            }
            long underFlood;
            try {
                underFlood = medianRoundTripNanos(session, producer, consumer);
            } finally {
                flooding.set(false);
                for (Thread thread : flood) {
                    thread.join();
                }
            }

            assertThat(refused.get()).isPositive();
            assertThat(underFlood).as("median round trip under the flood vs. quiet (%d ns)", quiet)
                    .isLessThan(Math.max(20 * quiet, 50_000_000L));
        }
    }

    private static long medianRoundTripNanos(Session session, MessageProducer producer, MessageConsumer consumer)
            throws JMSException {
        long[] samples = new long[50];
        for (int i = 0; i < samples.length; i++) {
            long started = System.nanoTime();
            producer.send(session.createTextMessage("ping"));
            assertThat(consumer.receive(10_000)).isNotNull();
            samples[i] = System.nanoTime() - started;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private MessageStoreConnectionFactory factory() {
        return new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
    }
}
