package org.messagestore.broker.jmx;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.messagestore.broker.Broker;
import org.messagestore.broker.QueueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a broker's MBeans ({@link JmxNames}) and keeps them in step with its queues: a
 * {@link BrokerControlMXBean} for the broker, a {@link QueueControlMXBean} per queue destination and a
 * {@link SubscriptionControlMXBean} per durable subscription. Temporary queues and non-durable subscriptions
 * get none: they come and go with clients, and one MBean each would make the tree grow without bound.
 *
 * <p>The broker tells no one when a queue is created or deleted, so the set is refreshed from
 * {@link Broker#statistics()}: at start, then every refresh interval. A queue shows up in JMX at most one
 * interval after it is created, and an MBean of a deleted queue stays at most that long (reading it then fails
 * with IllegalStateException).
 *
 * <p>Threads: one daemon thread, {@code messagestore-jmx}, owned here and stopped by {@link #close()}. It owns
 * {@link #registered} and {@link #clashes} from its start until close() has joined it; before, the starting
 * thread does (the thread's start and join order the hand-overs).
 */
public final class BrokerMBeans implements AutoCloseable {

    /** How often the queue MBeans are refreshed by default. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMBeans.class);

    private final Broker broker;
    private final MBeanServer server;
    private final Duration interval;
    private final ObjectName brokerName;
    /** Queue and subscription MBeans this registered, by name. */
    private final Set<ObjectName> registered = new HashSet<>();
    /** Names someone else holds; warned about once, never unregistered by us. */
    private final Set<ObjectName> clashes = new HashSet<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread refresher;
    private boolean closed;

    private BrokerMBeans(Broker broker, MBeanServer server, Duration interval) {
        this.broker = broker;
        this.server = server;
        this.interval = interval;
        this.brokerName = JmxNames.broker(broker.name());
        this.refresher = new Thread(this::refreshUntilClosed, "messagestore-jmx");
        refresher.setDaemon(true);
    }

    /**
     * Registers the MBeans of {@code broker} on {@code server} and refreshes the queue MBeans every
     * {@code interval}.
     *
     * @throws IllegalStateException when the broker's MBean name is taken (a broker of the same name registered
     *                               on this MBean server and not unregistered)
     */
    public static BrokerMBeans start(Broker broker, MBeanServer server, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("refresh interval " + interval + " is not positive");
        }
        var mbeans = new BrokerMBeans(broker, server, interval);
        try {
            server.registerMBean(new StandardMBean(new BrokerControl(broker, Clock.systemUTC()), BrokerControlMXBean.class,
                    true), mbeans.brokerName);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("the MBean " + mbeans.brokerName + " is already registered: is another broker named '"
                    + broker.name() + "' registered in this JVM?");
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean " + mbeans.brokerName + ": " + e.getMessage(), e);
        }
        mbeans.refresh();
        mbeans.refresher.start();
        LOG.info("JMX: {} and its queues' MBeans on the platform MBean server, refreshed every {} ms", mbeans.brokerName,
                interval.toMillis());
        return mbeans;
    }

    /** The broker's MBean. */
    public ObjectName brokerName() {
        return brokerName;
    }

    private void refreshUntilClosed() {
        try {
            while (!stopping.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("JMX: refreshing the queue MBeans of broker '{}' failed; trying again in {}", broker.name(),
                            interval, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the MBeans of new queues and durable subscriptions, and unregisters those of gone ones. */
    private void refresh() {
        Map<ObjectName, QueueControl> wanted = new HashMap<>();
        for (QueueStatistics queue : broker.statistics().queues()) {
            switch (queue.kind()) {
                case QUEUE -> wanted.put(JmxNames.queue(broker.name(), queue.name()),
                        new QueueControl(broker, queue.kind(), queue.name(), null));
                case DURABLE_SUBSCRIPTION -> wanted.put(JmxNames.subscription(broker.name(), queue.topic(), queue.name()),
                        new QueueControl(broker, queue.kind(), queue.name(), queue.topic()));
                case TEMPORARY_QUEUE, NON_DURABLE_SUBSCRIPTION -> {
                    // see the class comment
                }
            }
        }
        for (var gone : Set.copyOf(registered)) {
            if (!wanted.containsKey(gone)) {
                unregister(gone);
                registered.remove(gone);
            }
        }
        clashes.retainAll(wanted.keySet());
        wanted.forEach((name, control) -> {
            if (!registered.contains(name) && !clashes.contains(name)) {
                register(name, control);
            }
        });
    }

    private void register(ObjectName name, QueueControl control) {
        try {
            var mbean = control.getTopic() == null
                    ? new StandardMBean(control, QueueControlMXBean.class, true)
                    : new StandardMBean(control, SubscriptionControlMXBean.class, true);
            server.registerMBean(mbean, name);
            registered.add(name);
        } catch (InstanceAlreadyExistsException e) {
            clashes.add(name);
            LOG.warn("JMX: {} is already registered by someone else; broker '{}' leaves it alone", name, broker.name());
        } catch (JMException e) {
            LOG.warn("JMX: cannot register {}", name, e);
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // unregistered by someone else: gone all the same
        } catch (JMException e) {
            LOG.warn("JMX: cannot unregister {}", name, e);
        }
    }

    /** Stops the refresh thread and unregisters every MBean this registered. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.countDown();
        joinRefresher();
        registered.forEach(this::unregister);
        registered.clear();
        unregister(brokerName);
    }

    /**
     * Waits for the refresh thread to end (at most one refresh, which takes a statistics snapshot), even when
     * interrupted: only then may this thread touch {@link #registered}. The interrupt is kept for the caller.
     */
    private void joinRefresher() {
        boolean interrupted = false;
        while (refresher.isAlive()) {
            try {
                refresher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
