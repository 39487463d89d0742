package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.client.destination.ClientQueue;

/**
 * What a crash costs an AUTO_ACKNOWLEDGE consumer (README, "Performance" and "Messaging"): it drains a
 * queue over TCP from a broker in a child JVM, which is killed with SIGKILL partway. After a restart no
 * message is lost, and of the messages the consumer had already received, these come again:
 * <ul>
 * <li>with acknowledgements made durable before the next message, only the last one received, the one
 *     ambiguity Jakarta Messaging 3.1 leaves to AUTO_ACKNOWLEDGE ("Duplicate delivery of messages");</li>
 * <li>with {@code lazyAutoAcknowledge=true}, at most what lazy acknowledgement leaves unwritten: the
 *     batch being filled and the two batches on their way to the disk, each half the (default) prefetch.</li>
 * </ul>
 * The counts are printed.
 */
class LazyAcknowledgementCrashTest {

    private static final int MESSAGES = 5_000;
    private static final int PREFETCH = MessageStoreConnectionFactory.DEFAULT_PREFETCH;
    private static final int ITERATIONS = Integer.getInteger("crash.iterations", 3);

    @TempDir
    Path dir;

    @Test
    void afterSigkillNothingIsLostAndOnlyTheUnwrittenBatchesComeAgain() throws Exception {
        crashWhileDraining("lazy acknowledgement", "?" + MessageStoreConnectionFactory.LAZY_AUTO_ACKNOWLEDGE + "=true",
                3 * PREFETCH / 2);
    }

    @Test
    void afterSigkillNothingIsLostAndOnlyTheLastMessageReceivedComesAgain() throws Exception {
        crashWhileDraining("AUTO_ACKNOWLEDGE", "", 1);
    }

    private void crashWhileDraining(String mode, String urlOptions, int mayComeAgain) throws Exception {
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Path data = dir.resolve("data-" + iteration);
            Set<String> received = new LinkedHashSet<>();
            int killAfter = ThreadLocalRandom.current().nextInt(500, 4_000);
            try (BrokerProcess broker = BrokerProcess.start(data, "crash-" + iteration, dir.resolve("broker-" + iteration + ".err"))) {
                var factory = new MessageStoreConnectionFactory(broker.url() + urlOptions);
                Connection connection = factory.createConnection();
                try {
                    fill(connection);
                    connection.start();
                    MessageConsumer consumer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                            .createConsumer(new ClientQueue("lazy"));
                    while (received.size() < killAfter) {
                        received.add(consumer.receive(10_000).getStringProperty("id"));
                    }
                } catch (Exception e) {
                    throw new AssertionError("broker stderr (tail):\n" + broker.stderrTail(40), e);
                }
                broker.kill(); // the connection dies with it; nothing is closed in order
                connection.close();
            }

            Set<String> after = drain(data);
            Set<String> cameAgain = new HashSet<>(after);
            cameAgain.retainAll(received);
            System.out.printf("%s crash %d/%d: killed after %d received; %d of them came again, "
                    + "%d never received before the kill are all there%n", mode, iteration + 1, ITERATIONS, received.size(),
                    cameAgain.size(), after.size() - cameAgain.size());
            Set<String> all = new HashSet<>(received);
            all.addAll(after);
            assertThat(all).as("no message lost").hasSize(MESSAGES);
            assertThat(after.size() - cameAgain.size()).isEqualTo(MESSAGES - received.size());
            assertThat(cameAgain.size()).as("messages received before the kill that came again")
                    .isLessThanOrEqualTo(mayComeAgain);
            if (mayComeAgain == 1 && !cameAgain.isEmpty()) {
                assertThat(cameAgain).as("the one that came again").containsExactly(lastOf(received));
            }
        }
    }

    private static String lastOf(Set<String> received) {
        String last = null;
        for (String id : received) {
            last = id;
        }
        return last;
    }

    private static void fill(Connection connection) throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue("lazy"));
        for (int i = 0; i < MESSAGES; i++) {
            Message message = session.createBytesMessage();
            message.setStringProperty("id", "m-" + i);
            producer.send(message);
            if (i % 1_000 == 999) {
                session.commit();
            }
        }
        session.commit();
        session.close();
    }

    private static Set<String> drain(Path data) throws Exception {
        Set<String> drained = new LinkedHashSet<>();
        String name = "lazy-restart-" + UUID.randomUUID();
        try (XodusMessageStore store = XodusMessageStore.open(data);
             Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store));
             Connection connection = new MessageStoreConnectionFactory("vm://" + name).createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("lazy"));
            for (Message m = consumer.receive(500); m != null; m = consumer.receive(500)) {
                assertThat(drained.add(m.getStringProperty("id"))).as("stored once: " + m.getStringProperty("id")).isTrue();
            }
            session.commit();
        }
        return drained;
    }
}
