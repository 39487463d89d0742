package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messagestore.model.DestinationName;

/**
 * A topic: the set of its subscriptions. A message sent to it is added to each subscription that
 * takes it, at send time; with no subscription it is dropped (Jakarta Messaging 3.1, 4.2 "Publish/subscribe").
 *
 * <p>Threads: the subscription list is copy-on-write; {@link SubscriptionRegistry} changes it under its
 * lock, senders read it without locking.
 */
final class TopicAddress implements Address {

    private final DestinationName name;
    private final String ownerConnectionId;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** @param ownerConnectionId the creating connection of a temporary topic, else null */
    TopicAddress(DestinationName name, String ownerConnectionId) {
        this.name = name;
        this.ownerConnectionId = ownerConnectionId;
    }

    @Override
    public DestinationName name() {
        return name;
    }

    String ownerConnectionId() {
        return ownerConnectionId;
    }

    @Override
    public List<MessageQueue> targets(BrokerMessage message) {
        return subscriptions.stream().filter(s -> s.accepts(message)).map(Subscription::queue).toList();
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    boolean hasConsumers() {
        return subscriptions.stream().anyMatch(s -> s.queue().consumerCount() > 0);
    }

    /** Deletes the topic's (non-durable) subscriptions; for a temporary topic going away. */
    void deleteSubscriptions() {
        subscriptions.forEach(s -> s.queue().delete());
        subscriptions.clear();
    }

    /** The queue of the subscription named as in {@link QueueStatistics#name()}, or null. */
    MessageQueue subscriptionQueue(String displayName) {
        return subscriptions.stream().filter(s -> s.displayName().equals(displayName)).map(Subscription::queue)
                .findFirst().orElse(null);
    }

    /** Its subscriptions' queues, as operators see them. */
    List<QueueStatistics> statistics() {
        return subscriptions.stream().map(s -> s.queue().statistics(s.displayName(),
                s.kind().durable() ? QueueStatistics.Kind.DURABLE_SUBSCRIPTION : QueueStatistics.Kind.NON_DURABLE_SUBSCRIPTION,
                name.name())).toList();
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
