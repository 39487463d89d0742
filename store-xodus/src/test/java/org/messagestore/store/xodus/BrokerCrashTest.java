package org.messagestore.store.xodus;

import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RedeliveryPolicy;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Issue 4, item 9: a broker on the Xodus store runs in a child JVM ({@link CrashBroker}) under load from
 * producers and consumers in this JVM over TCP ({@link CrashClients}), and is killed with SIGKILL at a
 * random moment. A broker restarted on the same directory must then hold every message whose send
 * returned exactly once, unless its acknowledgement was called (an acknowledgement in flight at the kill
 * may go either way); no message whose acknowledgement returned; and each producer transaction whole or
 * not at all. Between the kill and the check, nothing but the store is shared: the clients' view is the
 * {@link ClientJournal}.
 *
 * <p>Iterations reuse one data directory (each restart drains every queue). Default 3; more with
 * {@code -Dcrash.iterations=N} or the {@code soak} profile of this module.
 */
class BrokerCrashTest {

    private static final int ITERATIONS = Integer.getInteger("crash.iterations", 3);
    private static final Pattern CLIENT_ID = Pattern.compile("i\\d+-p\\d+-[\\w-]+");

    @TempDir
    Path dir;

    @Test
    void afterSigkillEveryReturnedSendIsPresentOnceAcknowledgedMessagesStayGoneAndTransactionsAreWhole() throws Exception {
        Path data = dir.resolve("data");
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            long start = System.nanoTime();
            ClientJournal journal = new ClientJournal();
            Path childErr = dir.resolve("broker-" + iteration + ".err");
            runUntilKilled(data, journal, "i" + iteration, childErr);
            List<String> drained = restartAndDrain(data, journal);
            List<String> problems = journal.check(drained);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("crash iteration %d/%d: %d sends returned, %d acknowledgements returned, %d present after restart, %d ms%n",
                    iteration + 1, ITERATIONS, journal.sentCount(), journal.ackedCount(), drained.size(), millis);
            if (!problems.isEmpty()) {
                throw new AssertionError("iteration " + iteration + ": " + problems.size() + " problems:\n  "
                        + String.join("\n  ", problems.subList(0, Math.min(30, problems.size()))) + "\n"
                        + journal.report(60, idsIn(problems)) + "broker stderr (tail):\n" + BrokerProcess.tail(childErr, 40));
            }
        }
    }

    /** Starts the broker JVM, runs the clients against it, and kills it once enough traffic went through. */
    private static void runUntilKilled(Path data, ClientJournal journal, String prefix, Path childErr) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(data, "crash-" + prefix, childErr)) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int killAfterSent = random.nextInt(300, 3000);
            int killAfterAcked = random.nextInt(50, 500);
            journal.note("broker at " + broker.url() + "; kill after " + killAfterSent + " sent and " + killAfterAcked + " acked");
            try (CrashClients clients = new CrashClients(broker.url(), journal, prefix)) {
                clients.start(2, 2, 2, 2);
                await().atMost(Duration.ofSeconds(60))
                        .failFast("broker JVM exited on its own", () -> !broker.isAlive())
                        .until(() -> journal.sentCount() >= killAfterSent && journal.ackedCount() >= killAfterAcked);
                clients.brokerKilled();
                journal.note("KILL");
                broker.kill();
            } catch (RuntimeException e) {
                throw new AssertionError("broker JVM run failed; journal:\n" + journal.report(40, List.of())
                        + "broker stderr (tail):\n" + broker.stderrTail(40), e);
            }
        }
    }

    /**
     * Opens the directory again in this JVM, drains every queue the clients used and the dead-letter
     * queue, and returns the client ids found, in order. Also checks no message record outlives the drain.
     */
    private static List<String> restartAndDrain(Path data, ClientJournal journal) throws Exception {
        List<String> drained = new ArrayList<>();
        String name = "crash-restart-" + UUID.randomUUID();
        try (XodusMessageStore store = XodusMessageStore.open(data)) {
            try (Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store));
                 Connection connection = new MessageStoreConnectionFactory("vm://" + name).createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                List<String> queues = new ArrayList<>(CrashClients.QUEUES);
                queues.add(RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE);
                for (String queue : queues) {
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                        for (Message m = consumer.receive(500); m != null; m = consumer.receive(500)) {
                            drained.add(m.getStringProperty(CrashClients.ID));
                            if (drained.size() % 200 == 0) {
                                session.commit();
                            }
                        }
                    }
                    session.commit();
                }
            }
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> store.storedMessageCount() == 0);
            } catch (RuntimeException e) {
                journal.violation(store.storedMessageCount() + " message records left in the store after every queue was drained");
            }
        }
        return drained;
    }

    private static Set<String> idsIn(List<String> problems) {
        Set<String> ids = new LinkedHashSet<>();
        for (String problem : problems) {
            Matcher m = CLIENT_ID.matcher(problem);
            if (m.find() && ids.size() < 5) {
                ids.add(m.group());
            }
        }
        return ids;
    }
}
