package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.model.DestinationName;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/**
 * The broker's queues and topics, including temporary ones, by name. Creates queues and topics on
 * first use when auto-create is on, and records them in the store so they exist after a restart.
 *
 * <p>Threads: concurrent maps, safe from any thread. Temporary destinations are created and deleted
 * under {@code this} so that the consumer check and the removal happen together.
 */
final class DestinationRegistry {

    private final MessageStore store;
    private final boolean autoCreate;
    private final QueueContext context;
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicAddress> topics = new ConcurrentHashMap<>();
    private final Map<String, MessageQueue> temporaryQueues = new ConcurrentHashMap<>();
    private final Map<String, TopicAddress> temporaryTopics = new ConcurrentHashMap<>();

    DestinationRegistry(MessageStore store, boolean autoCreate, QueueContext context) {
        this.context = context;
        this.store = store;
        this.autoCreate = autoCreate;
    }

    /** Where a producer's message goes. Any connection may send to a temporary destination. */
    Address forSend(DestinationName destination) throws JMSException {
        return switch (destination.kind()) {
            case QUEUE -> queue(destination.name(), autoCreate);
            case TOPIC -> topic(destination.name(), autoCreate);
            case TEMPORARY_QUEUE -> existing(temporaryQueues.get(destination.name()), destination);
            case TEMPORARY_TOPIC -> existing(temporaryTopics.get(destination.name()), destination);
        };
    }

    /**
     * The queue a consumer reads. Only the connection that created a temporary queue may consume from
     * it (Jakarta Messaging 3.1, 6.2.3 "Creating temporary destinations").
     */
    MessageQueue queueForConsumer(DestinationName destination, String connectionId) throws JMSException {
        if (destination.kind() == DestinationName.Kind.QUEUE) {
            return queue(destination.name(), autoCreate);
        }
        MessageQueue queue = existing(temporaryQueues.get(destination.name()), destination);
        requireOwner(destination, queue.ownerConnectionId(), connectionId);
        return queue;
    }

    /** The topic a consumer subscribes to; temporary ones only by their creating connection. */
    TopicAddress topicForConsumer(DestinationName destination, String connectionId) throws JMSException {
        if (destination.kind() == DestinationName.Kind.TOPIC) {
            return topic(destination.name(), autoCreate);
        }
        TopicAddress topic = existing(temporaryTopics.get(destination.name()), destination);
        requireOwner(destination, topic.ownerConnectionId(), connectionId);
        return topic;
    }

    /** A predeclared (configured) or recovered queue: created when absent, whatever auto-create says. */
    MessageQueue declareQueue(String name) throws JMSException {
        return queue(name, true);
    }

    TopicAddress declareTopic(String name) throws JMSException {
        return topic(name, true);
    }

    /** A queue found in the store at start: exists already in the store, so nothing is written. */
    MessageQueue restoreQueue(String name) {
        return queues.computeIfAbsent(name, this::newQueue);
    }

    TopicAddress restoreTopic(String name) {
        return topics.computeIfAbsent(name, n -> new TopicAddress(DestinationName.topic(n), null));
    }

    private MessageQueue queue(String name, boolean create) throws JMSException {
        MessageQueue queue = queues.get(name);
        if (queue != null) {
            return queue;
        }
        if (!create) {
            throw notFound(DestinationName.queue(name));
        }
        MessageQueue created = newQueue(name);
        MessageQueue raced = queues.putIfAbsent(name, created);
        if (raced != null) {
            return raced;
        }
        StoreCalls.await(store, List.of(new StoreOperation.AddDestination(DestinationName.queue(name))), "create queue '" + name + "'");
        return created;
    }

    private TopicAddress topic(String name, boolean create) throws JMSException {
        TopicAddress topic = topics.get(name);
        if (topic != null) {
            return topic;
        }
        if (!create) {
            throw notFound(DestinationName.topic(name));
        }
        TopicAddress created = new TopicAddress(DestinationName.topic(name), null);
        TopicAddress raced = topics.putIfAbsent(name, created);
        if (raced != null) {
            return raced;
        }
        StoreCalls.await(store, List.of(new StoreOperation.AddDestination(DestinationName.topic(name))), "create topic '" + name + "'");
        return created;
    }

    private MessageQueue newQueue(String name) {
        DestinationName destination = DestinationName.queue(name);
        return new MessageQueue(destination, destination.toString(), QueueId.ofQueue(name), null, null, context);
    }

    private static InvalidDestinationException notFound(DestinationName destination) {
        return new InvalidDestinationException(destination + " does not exist and auto-create is off");
    }

    private static <T> T existing(T temporary, DestinationName destination) throws InvalidDestinationException {
        if (temporary == null) {
            throw new InvalidDestinationException(destination
                    + " does not exist; it was deleted, or the connection that created it was closed");
        }
        return temporary;
    }

    private static void requireOwner(DestinationName destination, String owner, String connectionId)
            throws InvalidDestinationException {
        if (!owner.equals(connectionId)) {
            throw new InvalidDestinationException(destination
                    + " belongs to another connection; only the connection that created a temporary destination may consume from it");
        }
    }

    synchronized void createTemporary(DestinationName destination, String connectionId) throws JMSException {
        if (!destination.isTemporary()) {
            throw new InvalidDestinationException(destination + " is not a temporary destination");
        }
        boolean clash = destination.isTopic()
                ? temporaryTopics.putIfAbsent(destination.name(), new TopicAddress(destination, connectionId)) != null
                : temporaryQueues.putIfAbsent(destination.name(),
                        new MessageQueue(destination, destination.toString(), null, connectionId, null, context)) != null;
        if (clash) {
            throw new JMSException(destination + " already exists");
        }
    }

    /**
     * Deletes a temporary destination of {@code connectionId}. TemporaryQueue.delete javadoc: "If there
     * are existing receivers still using it, a JMSException will be thrown" (we use its subclass
     * IllegalStateException).
     */
    synchronized void deleteTemporary(DestinationName destination, String connectionId) throws JMSException {
        if (!destination.isTemporary()) {
            throw new InvalidDestinationException(destination + " is not a temporary destination");
        }
        String owner = destination.isTopic()
                ? existing(temporaryTopics.get(destination.name()), destination).ownerConnectionId()
                : existing(temporaryQueues.get(destination.name()), destination).ownerConnectionId();
        if (!owner.equals(connectionId)) {
            throw new JMSException(destination + " belongs to another connection; only that connection may delete it");
        }
        if (destination.isTopic()) {
            TopicAddress topic = temporaryTopics.get(destination.name());
            if (topic.hasConsumers()) {
                throw new IllegalStateException(destination + " still has active consumers; close them before deleting it");
            }
            topic.deleteSubscriptions();
            temporaryTopics.remove(destination.name());
        } else {
            if (!temporaryQueues.get(destination.name()).deleteIfNoConsumers()) {
                throw new IllegalStateException(destination + " still has active consumers; close them before deleting it");
            }
            temporaryQueues.remove(destination.name());
        }
    }

    /** Deletes every temporary destination of a closing connection, consumers or not. */
    synchronized void deleteTemporariesOf(String connectionId) {
        temporaryQueues.values().removeIf(queue -> {
            if (queue.ownerConnectionId().equals(connectionId)) {
                queue.delete();
                return true;
            }
            return false;
        });
        temporaryTopics.values().removeIf(topic -> {
            if (topic.ownerConnectionId().equals(connectionId)) {
                topic.deleteSubscriptions();
                return true;
            }
            return false;
        });
    }

    /** Whether using {@code destination} would not create it. Temporary destinations count as existing: they are never auto-created. */
    boolean exists(DestinationName destination) {
        return switch (destination.kind()) {
            case QUEUE -> queues.containsKey(destination.name());
            case TOPIC -> topics.containsKey(destination.name());
            case TEMPORARY_QUEUE, TEMPORARY_TOPIC -> true;
        };
    }

    /** Every queue and subscription queue, as operators see them. */
    List<QueueStatistics> statistics() {
        List<QueueStatistics> all = new ArrayList<>();
        queues.forEach((name, queue) -> all.add(queue.statistics(name, QueueStatistics.Kind.QUEUE, null)));
        temporaryQueues.forEach((name, queue) -> all.add(queue.statistics(name, QueueStatistics.Kind.TEMPORARY_QUEUE, null)));
        topics.values().forEach(topic -> all.addAll(topic.statistics()));
        temporaryTopics.values().forEach(topic -> all.addAll(topic.statistics()));
        return all;
    }

    /**
     * One queue destination ({@code topic} null) or one subscription of {@code topic} (by
     * {@link QueueStatistics#name()}), as operators see it; empty when there is none.
     */
    Optional<QueueStatistics> statistics(String name, String topic) {
        if (topic == null) {
            MessageQueue queue = queues.get(name);
            return queue == null ? Optional.empty() : Optional.of(queue.statistics(name, QueueStatistics.Kind.QUEUE, null));
        }
        TopicAddress address = topics.get(topic);
        return address == null ? Optional.empty()
                : address.statistics().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The queue of one queue destination ({@code topic} null) or one subscription of {@code topic} (by
     * {@link QueueStatistics#name()}), as {@link #statistics(String, String)} finds it; null when there is none.
     */
    MessageQueue findQueue(String name, String topic) {
        if (topic == null) {
            return queues.get(name);
        }
        TopicAddress address = topics.get(topic);
        return address == null ? null : address.subscriptionQueue(name);
    }

    /** The queue named {@code name}, or null; for tests and management. */
    MessageQueue findQueue(String name) {
        return queues.get(name);
    }

    /** The queue destination stored under {@code id}, or null (XA recovery resolves stored work by it). */
    MessageQueue findStored(QueueId id) {
        for (MessageQueue queue : queues.values()) {
            if (id.equals(queue.storeQueue())) {
                return queue;
            }
        }
        return null;
    }
}
