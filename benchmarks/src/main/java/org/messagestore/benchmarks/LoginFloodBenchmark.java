package org.messagestore.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.security.PasswordHash;
import org.messagestore.broker.security.SecurityConfig;
import org.messagestore.broker.security.UsersFileAuthenticator;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * An authenticated client's send-and-receive round trip over TCP, quiet and while other clients flood
 * the broker with wrong passwords, the users file hashed as the broker's own tool hashes it (PBKDF2,
 * 600,000 iterations). Prints the medians, their ratio and how many flood logins were refused.
 *
 * <pre>
 * mvn -q -B install -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
 *     org.messagestore.benchmarks.LoginFloodBenchmark [flood threads=8] [round trips=400]
 * </pre>
 */
public final class LoginFloodBenchmark {

    private LoginFloodBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path dir = Files.createTempDirectory("login-flood-");
        Path users = Files.writeString(dir.resolve("users.properties"),
                "app = " + PasswordHash.of("secret".toCharArray()).encoded() + "\n");
        try (Broker broker = Broker.start(BrokerConfig.defaults("login-flood").withDataDir(dir.resolve("data"))
                .withSecurity(SecurityConfig.defaults().withAuthenticator(UsersFileAuthenticator.load(users))));
             TcpAcceptor acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults())) {
            var factory = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
            long loginStarted = System.nanoTime();
            try (Connection connection = factory.createConnection("app", "secret")) {
                long loginMillis = (System.nanoTime() - loginStarted) / 1_000_000;
                connection.start();
                Session session = connection.createSession();
                var queue = session.createQueue("work");
                MessageProducer producer = session.createProducer(queue);
                MessageConsumer consumer = session.createConsumer(queue);
                roundTrips(session, producer, consumer, samples); // warm-up
                long[] quiet = roundTrips(session, producer, consumer, samples);

                AtomicBoolean flooding = new AtomicBoolean(true);
                AtomicInteger refused = new AtomicInteger();
                List<Thread> flood = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Thread thread = new Thread(() -> {
                        while (flooding.get()) {
                            try {
                                factory.createConnection("app", "wrong-" + UUID.randomUUID()).close();
                            } catch (JMSException e) {
                                refused.incrementAndGet();
                            }
                        }
                    }, "flood-" + i);
                    thread.start();
                    flood.add(thread);
                }
                long floodStarted = System.nanoTime();
                long[] underFlood = roundTrips(session, producer, consumer, samples);
                double floodSeconds = (System.nanoTime() - floodStarted) / 1e9;
                flooding.set(false);
                for (Thread thread : flood) {
                    thread.join();
                }
                System.out.printf("login (one PBKDF2 hash at %d iterations): %d ms%n", PasswordHash.DEFAULT_ITERATIONS, loginMillis);
                System.out.printf("round trip quiet:       p50 %.2f ms, p99 %.2f ms%n", ms(quiet, 50), ms(quiet, 99));
                System.out.printf("round trip under flood: p50 %.2f ms, p99 %.2f ms (%d flooding threads)%n",
                        ms(underFlood, 50), ms(underFlood, 99), threads);
                System.out.printf("p50 ratio flood/quiet:  %.2f%n", ms(underFlood, 50) / ms(quiet, 50));
                System.out.printf("flood logins refused:   %d in %.1f s (%.1f/s)%n", refused.get(), floodSeconds,
                        refused.get() / floodSeconds);
            }
        }
    }

    private static long[] roundTrips(Session session, MessageProducer producer, MessageConsumer consumer, int count)
            throws JMSException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            producer.send(session.createTextMessage("ping"));
            if (consumer.receive(30_000) == null) {
                throw new IllegalStateException("a round trip message did not come back");
            }
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
