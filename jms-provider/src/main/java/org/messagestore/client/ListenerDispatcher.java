package org.messagestore.client;

import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.client.message.ClientMessage;
import org.messagestore.model.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the message listeners of one session on one thread, one message at a time (Jakarta Messaging
 * 3.1, 6.2.5 "Threading restrictions on a session"), round-robin over the session's consumers.
 *
 * <p>State ({@link #running}, {@link #runningConsumer}, {@link #stopping}) is guarded by the
 * session's lock; the thread itself is started lazily by the first listener and stopped by
 * {@link #close()}.
 */
final class ListenerDispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final ClientSession session;
    private final String threadName;
    private volatile Thread thread;
    private boolean stopping;
    private boolean running;
    private ClientMessageConsumer runningConsumer;
    private int nextConsumer;

    ListenerDispatcher(ClientSession session, String threadName) {
        this.session = session;
        this.threadName = threadName;
    }

    void ensureStarted() {
        session.lock.lock();
        try {
            if (thread == null && !stopping) {
                Thread t = new Thread(this, threadName);
                t.setDaemon(true);
                thread = t;
                t.start();
            }
        } finally {
            session.lock.unlock();
        }
    }

    boolean isCurrentThread() {
        return thread != null && Thread.currentThread() == thread;
    }

    @Override
    public void run() {
        while (true) {
            List<ClientMessageConsumer> toPull = new ArrayList<>();
            List<Delivery> expired = new ArrayList<>();
            ClientMessageConsumer consumer = null;
            Delivery delivery = null;
            session.lock.lock();
            try {
                while (true) {
                    if (stopping) {
                        return;
                    }
                    if (session.connection().isStarted()) {
                        consumer = nextReadyConsumer();
                        if (consumer != null) {
                            delivery = consumer.pollLocked(expired);
                            if (delivery != null) {
                                running = true;
                                runningConsumer = consumer;
                                break;
                            }
                            if (!expired.isEmpty()) {
                                break;
                            }
                        }
                        for (ClientMessageConsumer c : session.consumers().open()) {
                            if (c.claimPullLocked()) {
                                toPull.add(c);
                            }
                        }
                        if (!toPull.isEmpty()) {
                            break;
                        }
                    }
                    session.changed.awaitUninterruptibly();
                }
            } finally {
                session.lock.unlock();
            }
            if (consumer != null) {
                consumer.discardExpired(expired);
            }
            toPull.forEach(c -> session.link().pull(c.id()));
            if (delivery != null) {
                deliver(consumer, delivery);
            }
        }
    }

    /** The next consumer, round-robin, that has a listener and a buffered message. */
    private ClientMessageConsumer nextReadyConsumer() {
        List<ClientMessageConsumer> consumers = session.consumers().open();
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            ClientMessageConsumer c = consumers.get((nextConsumer + i) % n);
            if (c.listener() != null && !c.isClosed() && c.hasBufferedLocked()) {
                nextConsumer = (nextConsumer + i + 1) % n;
                return c;
            }
        }
        return null;
    }

    /**
     * Calls the listener, then acknowledges in AUTO/DUPS_OK mode. A listener that throws gets its
     * message redelivered at once with JMSRedelivered set (8.7 "Receiving messages asynchronously").
     */
    private void deliver(ClientMessageConsumer consumer, Delivery delivery) {
        try {
            MessageListener listener = consumer.listener();
            session.awaitAcknowledgedBeforeDelivery(); // the previous message's (AUTO_ACKNOWLEDGE)
            ClientMessage message = consumer.toApplication(delivery);
            boolean failed = false;
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("message listener of {} threw; the message will be redelivered", consumer, e);
            }
            if (!session.isClosed() && session.acknowledgesImplicitly()) {
                if (failed) {
                    session.link().rollback(session.id());
                } else {
                    session.afterListener();
                }
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("could not complete delivery to {}", consumer, e);
        } finally {
            session.lock.lock();
            try {
                running = false;
                runningConsumer = null;
                session.changed.signalAll();
            } finally {
                session.lock.unlock();
            }
        }
    }

    /** Waits until no listener of this session is running (unless called from the listener itself). */
    void awaitIdle() {
        if (isCurrentThread()) {
            return;
        }
        session.lock.lock();
        try {
            while (running) {
                session.changed.awaitUninterruptibly();
            }
        } finally {
            session.lock.unlock();
        }
    }

    /** Waits until the given consumer's listener is not running. */
    void awaitIdleOf(ClientMessageConsumer consumer) {
        if (isCurrentThread()) {
            return;
        }
        session.lock.lock();
        try {
            while (running && runningConsumer == consumer) {
                session.changed.awaitUninterruptibly();
            }
        } finally {
            session.lock.unlock();
        }
    }

    /** Lets a running listener finish, then stops the thread. */
    void close() {
        Thread t;
        session.lock.lock();
        try {
            stopping = true;
            session.changed.signalAll();
            t = thread;
        } finally {
            session.lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
