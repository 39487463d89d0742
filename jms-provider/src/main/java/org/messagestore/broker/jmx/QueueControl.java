package org.messagestore.broker.jmx;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.messagestore.broker.Broker;
import org.messagestore.broker.QueueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubscriptionControlMXBean} (and so {@link QueueControlMXBean}) for one queue or durable subscription,
 * found again by its name and topic ({@link Broker#statistics(String, String)}) each time an attribute is read.
 *
 * <p>Threads: the MBean server's callers; holds no state beyond what names the queue.
 */
final class QueueControl implements SubscriptionControlMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(QueueControl.class);

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

    @Override
    public long getMemoryBytes() {
        return current().memoryBytes();
    }

    @Override
    public long getOldestMessageAgeMillis() {
        return current().headAgeMillis(System.currentTimeMillis());
    }

    @Override
    public long purge(String selector) {
        return operate("purge", () -> broker.queueOperations().purge(name, topic, selector, null));
    }

    @Override
    public long moveMessages(String selector, String targetQueue) {
        if (targetQueue == null || targetQueue.isBlank()) {
            throw new IllegalArgumentException("no target queue given");
        }
        return operate("move the messages of", () -> broker.queueOperations().move(name, topic, selector, targetQueue, null));
    }

    @Override
    public boolean removeMessage(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("no JMSMessageID given");
        }
        return operate("remove a message from", () -> broker.queueOperations().remove(name, topic, messageId) ? 1 : 0) == 1;
    }

    @Override
    public long retryDeadLetters(String selector) {
        if (topic != null) {
            throw new IllegalStateException(describe() + " holds no dead letters; retry them from the dead-letter queue");
        }
        return operate("retry the dead letters of", () -> broker.queueOperations().retryDeadLetters(name, selector, null));
    }

    @FunctionalInterface
    private interface Operation {
        long run() throws JMSException;
    }

    /**
     * Runs an operation for a JMX client, which may not have the jakarta.jms classes: a mistake of the
     * caller's (bad selector, unknown queue) becomes IllegalArgumentException, anything else
     * IllegalStateException, each with the message only.
     */
    private long operate(String verb, Operation operation) {
        try {
            long done = operation.run();
            LOG.info("JMX: {} {} of broker '{}': {} message(s)", verb, describe(), broker.name(), done);
            return done;
        } catch (InvalidSelectorException | InvalidDestinationException e) {
            throw new IllegalArgumentException("cannot " + verb + " " + describe() + ": " + e.getMessage());
        } catch (JMSException e) {
            LOG.warn("JMX: could not {} {} of broker '{}'", verb, describe(), broker.name(), e);
            throw new IllegalStateException("cannot " + verb + " " + describe() + ": " + e.getMessage());
        }
    }
}
