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
 * Consumer threads, each with its own connection and one session, taking messages off one target with
 * {@code receive} as fast as they come. A message counts once it is acknowledged: at once when the session
 * acknowledges by itself, on the commit in a transacted session, which commits every {@code commitEvery}
 * messages and its last partial batch once a receive finds nothing.
 *
 * <p>Threads: one per consumer, started by {@link #start} and ended by {@link #stop}; each owns its
 * connection until {@link #close()}, and its lag samples until it has ended.
 */
final class Consumers implements AutoCloseable {

    /** Short, because an idle receive is what commits a transacted session's last partial batch. */
    private static final long RECEIVE_TIMEOUT_MILLIS = 20;
    private static final Duration SUBSCRIBE_LIMIT = Duration.ofSeconds(30);

    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LatencySamples> lags = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Failures failures;
    private volatile long target = Long.MAX_VALUE;
    private final CountDownLatch targetReached = new CountDownLatch(1);
    private volatile boolean stopping;

    private Consumers(Failures failures) {
        this.failures = failures;
    }

    /**
     * Opens one connection per consumer, not yet started, before any timing starts; with a
     * {@code clientIdPrefix}, consumer i's connection has the client id prefix + i (durable subscriptions
     * need one).
     */
    static Consumers connect(ConnectionFactory factory, int count, String clientIdPrefix, Failures failures) throws JMSException {
        var consumers = new Consumers(failures);
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = factory.createConnection();
                consumers.connections.add(connection);
                if (clientIdPrefix != null) {
                    connection.setClientID(clientIdPrefix + i);
                }
            }
            return consumers;
        } catch (JMSException | RuntimeException e) {
            consumers.close();
            throw e;
        }
    }

    /**
     * Starts every consumer on {@code source} and returns once each one's consumer exists (so a topic's
     * subscriptions are there before anything is sent); {@link #awaitAcknowledged} returns once they have
     * acknowledged {@code target} messages together. With {@code recordLag}, each message's time from its
     * send ({@link Producers#SENT_AT_NANOS}) to its receipt is kept.
     */
    void start(Target source, SessionMode mode, boolean recordLag, long target) throws InterruptedException {
        this.target = target;
        var subscribed = new CountDownLatch(connections.size());
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            int index = i;
            var lag = new LatencySamples();
            lags.add(lag);
            threads.add(new Thread(() -> receive(connection, source, index, mode, recordLag ? lag : null, subscribed),
                    "benchmark-consumer-" + i));
        }
        threads.forEach(Thread::start);
        if (!subscribed.await(SUBSCRIBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            failures.add(new IllegalStateException("consumers not subscribed within " + SUBSCRIBE_LIMIT));
        }
    }

    private void receive(Connection connection, Target source, int index, SessionMode mode, LatencySamples lag,
                         CountDownLatch subscribed) {
        try (Session session = mode.open(connection)) {
            MessageConsumer consumer = source.consumer(session, index);
            connection.start();
            subscribed.countDown();
            int unacknowledged = 0;
            while (!stopping) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                if (message != null) {
                    unacknowledged++;
                    if (lag != null) {
                        long sentAt = message.getLongProperty(Producers.SENT_AT_NANOS);
                        lag.add(sentAt, System.nanoTime() - sentAt);
                    }
                }
                if (unacknowledged == mode.commitEvery() || message == null && unacknowledged > 0) {
                    if (mode.transacted()) {
                        session.commit();
                    }
                    countAcknowledged(unacknowledged);
                    unacknowledged = 0;
                }
            }
        } catch (JMSException | RuntimeException e) {
            failures.add(e);
            subscribed.countDown();
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

    /** Lags of the messages sent and received within [from, until]; only valid once the consumers have stopped. */
    LatencySamples.Percentiles lagWithin(long fromNanos, long untilNanos) {
        return LatencySamples.within(lags, fromNanos, untilNanos);
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
        Connections.closeAll(connections);
    }
}
