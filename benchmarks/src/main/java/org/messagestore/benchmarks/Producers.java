package org.messagestore.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Producer threads, each with its own connection and one non-transacted AUTO_ACKNOWLEDGE session, sending
 * persistent BytesMessages to one queue: each thread sends its next message as soon as the previous send
 * returns, so every producer has one durable send in flight.
 *
 * <p>Threads: one per producer, started by {@link #start} and ended by {@link #stop} or when the message
 * budget is spent; each thread owns its connection until {@link #close()}.
 */
final class Producers implements AutoCloseable {

    private final String queue;
    private final byte[] body;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LatencySamples> latencies = new ArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final Failures failures;
    private volatile boolean stopping;

    private Producers(String queue, byte[] body, Failures failures) {
        this.queue = queue;
        this.body = body;
        this.failures = failures;
    }

    /** Opens one connection per producer, before any timing starts. */
    static Producers connect(ConnectionFactory factory, String queue, int count, byte[] body, Failures failures)
            throws JMSException {
        var producers = new Producers(queue, body, failures);
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
    void start(long budget) {
        var tickets = new AtomicLong(budget);
        for (int i = 0; i < connections.size(); i++) {
            var samples = new LatencySamples();
            latencies.add(samples);
            Connection connection = connections.get(i);
            Thread thread = new Thread(() -> send(connection, tickets, samples), "benchmark-producer-" + i);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void send(Connection connection, AtomicLong tickets, LatencySamples samples) {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (!stopping && tickets.getAndDecrement() > 0) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                long start = System.nanoTime();
                producer.send(message);
                samples.add(start, System.nanoTime() - start);
                sent.increment();
            }
        } catch (JMSException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** Messages whose send has returned so far. */
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

    /** Only valid once the producers have finished. */
    LatencySamples.Percentiles latencyWithin(long fromNanos, long untilNanos) {
        return LatencySamples.within(latencies, fromNanos, untilNanos);
    }

    @Override
    public void close() throws JMSException {
        stopping = true;
        JMSException first = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
