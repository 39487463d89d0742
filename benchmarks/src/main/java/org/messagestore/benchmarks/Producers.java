package org.messagestore.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Producer threads, each with its own connection and one session, sending BytesMessages to one target:
 * each thread sends its next message as soon as the previous send (or, transacted, the commit after every
 * {@code commitEvery} sends) returns. A message counts as sent once its send, or its commit, returned.
 *
 * <p>Threads: one per producer, started by {@link #start} and ended by {@link #stop} or when the message
 * budget is spent; each thread owns its connection until {@link #close()}.
 */
final class Producers implements AutoCloseable {

    /** The property carrying {@code System.nanoTime()} at the send, when a workload measures consumer lag. */
    static final String SENT_AT_NANOS = "benchmarkSentAtNanos";

    /** What every producer sends, and how. */
    record Sends(Target target, int deliveryMode, SessionMode mode, byte[] body, boolean stampSendTime) {
    }

    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final Failures failures;
    private volatile boolean stopping;

    private Producers(Failures failures) {
        this.failures = failures;
    }

    /** Opens one connection per producer, before any timing starts. */
    static Producers connect(ConnectionFactory factory, int count, Failures failures) throws JMSException {
        var producers = new Producers(failures);
        try {
            for (int i = 0; i < count; i++) {
                producers.connections.add(factory.createConnection());
            }
            return producers;
        } catch (JMSException | RuntimeException e) {
            producers.close();
            throw e;
        }
    }

    /** Starts every producer; together they send at most {@code budget} messages (Long.MAX_VALUE: until stopped). */
    void start(Sends sends, long budget) {
        var tickets = new AtomicLong(budget);
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            threads.add(new Thread(() -> send(connection, sends, tickets), "benchmark-producer-" + i));
        }
        threads.forEach(Thread::start);
    }

    private void send(Connection connection, Sends sends, AtomicLong tickets) {
        try (Session session = sends.mode().open(connection)) {
            MessageProducer producer = session.createProducer(sends.target().in(session));
            producer.setDeliveryMode(sends.deliveryMode());
            int uncommitted = 0;
            while (!stopping && tickets.getAndDecrement() > 0) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(sends.body());
                if (sends.stampSendTime()) {
                    message.setLongProperty(SENT_AT_NANOS, System.nanoTime());
                }
                producer.send(message);
                if (!sends.mode().transacted()) {
                    sent.increment();
                } else if (++uncommitted == sends.mode().commitEvery()) {
                    session.commit();
                    sent.add(uncommitted);
                    uncommitted = 0;
                }
            }
            if (uncommitted > 0) {
                session.commit();
                sent.add(uncommitted);
            }
        } catch (JMSException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** Messages whose send (or commit) has returned so far. */
    long sent() {
        return sent.sum();
    }

    /** Waits for every producer to spend the budget or stop. */
    void awaitFinished() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Asks the producers to stop after their current send, and waits for them. */
    void stop() throws InterruptedException {
        stopping = true;
        awaitFinished();
    }

    @Override
    public void close() throws JMSException {
        stopping = true;
        Connections.closeAll(connections);
    }
}
