package org.messagestore.store.xodus;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The producers and consumers of {@link BrokerCrashTest}, in the test JVM, talking to the broker JVM
 * over TCP, so that killing the broker cuts every client off mid-call. Each runs on its own thread with
 * its own connection and writes what it does to a {@link ClientJournal}.
 *
 * <p>Producers: plain persistent sends to a random one of {@link #QUEUES} (one in four with a short
 * delivery delay, so it waits in the store's delivery-time index), and local transactions of 2-6
 * persistent sends (each to a random queue) that are committed
 * (or, one in six, rolled back). Consumers: CLIENT_ACKNOWLEDGE sessions that acknowledge batches of 1-5
 * (or, one in ten, {@code recover()} instead), and transacted sessions that commit batches of 1-5 (or,
 * one in ten, roll back).
 */
final class CrashClients implements AutoCloseable {

    static final String ID = "crashId";
    /** Short enough that a restarted broker finds every delayed message due before its drain ends. */
    static final long DELIVERY_DELAY_MILLIS = 100;
    static final String TX = "crashTx";
    /** Consumers read the first two; the third only fills up, so that a kill finds a backlog to lose. */
    static final List<String> QUEUES = List.of("crash.a", "crash.b", "crash.backlog");
    private static final int CONSUMED_QUEUES = 2;

    private final MessageStoreConnectionFactory factory;
    private final ClientJournal journal;
    private final String prefix;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean brokerKilled;

    CrashClients(String url, ClientJournal journal, String prefix) {
        this.factory = new MessageStoreConnectionFactory(url);
        this.journal = journal;
        this.prefix = prefix;
    }

    /** Connects every client, then starts them all. */
    void start(int plainProducers, int txProducers, int ackConsumers, int txConsumers) throws JMSException {
        int n = 0;
        for (int i = 0; i < plainProducers; i++, n++) {
            Session session = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
            String name = prefix + "-p" + n;
            add("crash-producer-" + name, () -> producePlain(session, name));
        }
        for (int i = 0; i < txProducers; i++, n++) {
            Session session = connect().createSession(true, Session.SESSION_TRANSACTED);
            String name = prefix + "-p" + n;
            add("crash-tx-producer-" + name, () -> produceTransactions(session, name));
        }
        for (int i = 0; i < ackConsumers + txConsumers; i++) {
            boolean transacted = i >= ackConsumers;
            Connection connection = connect();
            Session session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                    : connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUES.get(i % CONSUMED_QUEUES)));
            connection.start();
            add("crash-" + (transacted ? "tx-" : "ack-") + "consumer-" + prefix + "-c" + i, () -> consume(session, consumer, transacted));
        }
        threads.forEach(Thread::start);
    }

    /** Called just before the broker is killed: failures from now on are expected. */
    void brokerKilled() {
        brokerKilled = true;
    }

    boolean allStopped() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Stops the clients and closes their connections; they may be cut off already. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                journal.note("close failed: " + e);
            }
        }
        for (Thread thread : threads) {
            thread.join(10_000);
            if (thread.isAlive()) {
                journal.violation("client thread " + thread.getName() + " still running 10 s after its connection was closed");
            }
        }
    }

    private Connection connect() throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        connection.setExceptionListener(e -> failed("exception listener", e));
        return connection;
    }

    private void add(String name, ClientLoop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (JMSException | RuntimeException e) {
                failed(Thread.currentThread().getName(), e);
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
    }

    private void failed(String who, Exception e) {
        if (brokerKilled || stopping) {
            journal.note("STOPPED " + who + ": " + e);
        } else {
            journal.violation(who + " failed while the broker was up: " + e);
        }
    }

    private void producePlain(Session session, String name) throws JMSException {
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; !stopping; seq++) {
            String id = name + "-" + seq;
            Message message = session.createTextMessage("body of " + id);
            message.setStringProperty(ID, id);
            producer.setDeliveryDelay(seq % 4 == 0 ? DELIVERY_DELAY_MILLIS : 0);
            journal.sendPending(id, null);
            producer.send(session.createQueue(randomQueue()), message);
            journal.sent(id);
        }
    }

    private void produceTransactions(Session session, String name) throws JMSException {
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long txSeq = 0; !stopping; txSeq++) {
            String tx = name + "-tx" + txSeq;
            List<String> ids = new ArrayList<>();
            int size = random.nextInt(2, 7);
            for (int i = 0; i < size; i++) {
                String id = tx + "-" + i;
                Message message = session.createTextMessage("body of " + id);
                message.setStringProperty(ID, id);
                message.setStringProperty(TX, tx);
                journal.sendPending(id, tx);
                producer.send(session.createQueue(randomQueue()), message); // a transaction spans both queues
                ids.add(id);
            }
            if (random.nextInt(6) == 0) {
                session.rollback();
                journal.rolledBack(tx);
            } else {
                journal.commitPending(tx);
                session.commit();
                ids.forEach(journal::sent);
            }
        }
    }

    private void consume(Session session, MessageConsumer consumer, boolean transacted) throws JMSException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopping) {
            List<String> batch = new ArrayList<>();
            Message last = null;
            int size = random.nextInt(1, 6);
            while (batch.size() < size && !stopping) {
                Message message = consumer.receive(100);
                if (message == null) {
                    break;
                }
                String id = message.getStringProperty(ID);
                journal.received(id, message.getJMSRedelivered());
                batch.add(id);
                last = message;
            }
            if (batch.isEmpty()) {
                continue;
            }
            if (random.nextInt(10) == 0) {
                journal.consumerRolledBack(batch);
                if (transacted) {
                    session.rollback();
                } else {
                    session.recover();
                }
            } else {
                journal.ackPending(batch);
                if (transacted) {
                    session.commit();
                } else {
                    last.acknowledge(); // CLIENT_ACKNOWLEDGE: acknowledges every message the session consumed
                }
                journal.acked(batch);
            }
        }
    }

    private String randomQueue() {
        return QUEUES.get(ThreadLocalRandom.current().nextInt(QUEUES.size()));
    }

    @FunctionalInterface
    private interface ClientLoop {
        void run() throws JMSException;
    }
}
