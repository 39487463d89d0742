package org.messagestore.server.jmx;

import org.messagestore.broker.Broker;
import org.messagestore.broker.QueueStatistics;

/**
 * {@link SubscriptionControlMXBean} (and so {@link QueueControlMXBean}) for one queue or durable subscription,
 * found again by its name and topic ({@link Broker#statistics(String, String)}) each time an attribute is read.
 *
 * <p>Threads: the MBean server's callers; holds no state beyond what names the queue.
 */
final class QueueControl implements SubscriptionControlMXBean {

    private final Broker broker;
    private final QueueStatistics.Kind kind;
    private final String name;
    private final String topic;

    QueueControl(Broker broker, QueueStatistics.Kind kind, String name, String topic) {
        this.broker = broker;
        this.kind = kind;
        this.name = name;
        this.topic = topic;
    }

    private QueueStatistics current() {
        return broker.statistics(name, topic)
                .filter(queue -> queue.kind() == kind)
                .orElseThrow(() -> new IllegalStateException(describe() + " of broker '" + broker.name()
                        + "' no longer exists"));
    }

    private String describe() {
        return topic == null ? "queue '" + name + "'" : "subscription '" + name + "' of topic '" + topic + "'";
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getTopic() {
        return topic;
    }

    @Override
    public long getDepth() {
        return current().depth();
    }

    @Override
    public int getInFlight() {
        return current().inFlight();
    }

    @Override
    public int getInMemory() {
        return current().inMemory();
    }

    @Override
    public long getPagedOut() {
        return current().pagedOut();
    }

    @Override
    public int getConsumers() {
        return current().consumers();
    }

    @Override
    public long getAdded() {
        return current().added();
    }

    @Override
    public long getDelivered() {
        return current().delivered();
    }

    @Override
    public long getAcknowledged() {
        return current().acknowledged();
    }

    @Override
    public long getRedelivered() {
        return current().redelivered();
    }

    @Override
    public long getExpired() {
        return current().expired();
    }

    @Override
    public long getDeadLettered() {
        return current().deadLettered();
    }
}
