package org.messagestore.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer threads, each with its own connection and one session acknowledging as
 * {@link ConsumerAcknowledgement} says, taking messages off one queue with {@code receive} as fast as they
 * come. Only acknowledged messages count: in CLIENT_ACKNOWLEDGE a session acknowledges every {@code batch}
 * messages, and its last partial batch once a receive finds the queue empty.
 *
 * <p>Threads: one per consumer, started by {@link #start} and ended by {@link #stop}; each owns its
 * connection until {@link #close()}.
 */
final class Consumers implements AutoCloseable {

    /** Short, because an idle receive is what acknowledges a CLIENT_ACKNOWLEDGE session's last partial batch. */
    private static final long RECEIVE_TIMEOUT_MILLIS = 20;

    private final String queue;
    private final ConsumerAcknowledgement acknowledgement;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Failures failures;
    private volatile long target = Long.MAX_VALUE;
    private final CountDownLatch targetReached = new CountDownLatch(1);
    private volatile boolean stopping;

    private Consumers(String queue, ConsumerAcknowledgement acknowledgement, Failures failures) {
        this.queue = queue;
        this.acknowledgement = acknowledgement;
        this.failures = failures;
    }

    /** Opens one connection per consumer, not yet started, before any timing starts. */
    static Consumers connect(ConnectionFactory factory, String queue, int count,
                             ConsumerAcknowledgement acknowledgement, Failures failures) throws JMSException {
        var consumers = new Consumers(queue, acknowledgement, failures);
        try {
            for (int i = 0; i < count; i++) {
                consumers.connections.add(factory.createConnection());
            }
            return consumers;
        } catch (JMSException | RuntimeException e) {
            consumers.close();
            throw e;
        }
    }

    /** Starts every consumer; {@link #awaitAcknowledged} returns once they have acknowledged {@code target} messages together. */
    void start(long target) {
        this.target = target;
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            threads.add(new Thread(() -> receive(connection), "benchmark-consumer-" + i));
        }
        threads.forEach(Thread::start);
    }

    private void receive(Connection connection) {
        try (Session session = connection.createSession(false, acknowledgement.sessionMode())) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Message lastUnacknowledged = null;
            int unacknowledged = 0;
            while (!stopping) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                if (message != null) {
                    lastUnacknowledged = message;
                    unacknowledged++;
                }
                boolean batchDue = unacknowledged == acknowledgement.batch() || message == null && unacknowledged > 0;
                if (batchDue) {
                    if (acknowledgement.explicit()) {
                        // Acknowledges every message this session consumed so far, not only this one.
                        lastUnacknowledged.acknowledge();
                    }
                    countAcknowledged(unacknowledged);
                    unacknowledged = 0;
                }
            }
        } catch (JMSException | RuntimeException e) {
            failures.add(e);
            targetReached.countDown();
        }
    }

    private void countAcknowledged(int messages) {
        long before = acknowledged.getAndAdd(messages);
        if (before < target && before + messages >= target) {
            targetReached.countDown();
        }
    }

    /** Messages received and acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** True once the target given to {@link #start} has been acknowledged; false when the timeout passed first. */
    boolean awaitAcknowledged(Duration timeout) throws InterruptedException {
        return targetReached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
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
