package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.messagestore.broker.Subscription.Kind;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/**
 * Creates, reuses and deletes topic subscriptions by the rules of the {@code jakarta.jms.Session}
 * javadoc (createConsumer, createSharedConsumer, createDurableConsumer, createSharedDurableConsumer,
 * unsubscribe). Durable and shared non-durable subscriptions are keyed by (client id, name) in two
 * separate namespaces ("Such subscriptions would be completely separate").
 *
 * <p>Threads: both maps, and the check-then-attach of a consumer, are guarded by {@code this}, so
 * "has an active consumer" cannot change between check and use. It takes queue locks inside its own
 * (never the reverse) and writes to the store only after releasing it.
 */
final class SubscriptionRegistry {

    /** A subscription's identity: the client id (null when unset) and the name. */
    record Key(String clientId, String name) {
    }

    /** Creates and registers the consumer object for a subscription queue, before it is attached. */
    @FunctionalInterface
    interface ConsumerFactory {
        ServerConsumer create(MessageQueue queue, Subscription subscription);
    }

    private final MessageStore store;
    private final QueueContext context;
    private final Map<Key, Subscription> durable = new HashMap<>();
    private final Map<Key, Subscription> sharedNonDurable = new HashMap<>();

    SubscriptionRegistry(MessageStore store, QueueContext context) {
        this.store = store;
        this.context = context;
    }

    /**
     * Finds or creates the subscription {@code spec} asks for and attaches a new consumer to it.
     *
     * @param clientId the client id of the consumer's connection, or null
     */
    ServerConsumer subscribe(ConsumerSpec spec, TopicAddress topic, String clientId, String connectionId,
                             ConsumerFactory factory) throws JMSException {
        if (spec.durable() && topic.name().isTemporary()) {
            throw new InvalidDestinationException(
                    "durable subscription '" + spec.subscriptionName() + "' cannot be created on " + topic.name()
                            + "; durable subscriptions need a non-temporary topic");
        }
        List<StoreOperation> storeWork = new ArrayList<>();
        ServerConsumer consumer;
        synchronized (this) {
            Subscription subscription = find(spec, topic, clientId, connectionId, storeWork);
            consumer = factory.create(subscription.queue(), subscription);
            subscription.queue().addConsumer(consumer);
        }
        StoreCalls.await(store, storeWork, "record durable subscription '" + spec.subscriptionName() + "'");
        return consumer;
    }

    private Subscription find(ConsumerSpec spec, TopicAddress topic, String clientId, String connectionId,
                              List<StoreOperation> storeWork) throws JMSException {
        if (!spec.durable() && !spec.shared()) {
            return create(Kind.NON_DURABLE, spec, topic, null, connectionId);
        }
        if (spec.subscriptionName() == null || spec.subscriptionName().isEmpty()) {
            throw new JMSException("a durable or shared subscription needs a name");
        }
        Key key = new Key(clientId, spec.subscriptionName());
        return spec.durable()
                ? findDurable(spec, key, topic, storeWork)
                : findSharedNonDurable(spec, key, topic, connectionId);
    }

    /** Session.createSharedConsumer javadoc. */
    private Subscription findSharedNonDurable(ConsumerSpec spec, Key key, TopicAddress topic, String connectionId)
            throws JMSException {
        Subscription existing = sharedNonDurable.get(key);
        if (existing != null) {
            if (existing.topic() == topic && Objects.equals(existing.selector(), spec.selector())) {
                return existing;
            }
            if (existing.queue().consumerCount() > 0) {
                throw new JMSException(existing.describe() + " already exists on " + existing.topic().name()
                        + " with a different topic or selector and has active consumers");
            }
            delete(existing);
        }
        Subscription created = create(Kind.SHARED_NON_DURABLE, spec, topic, key, connectionId);
        sharedNonDurable.put(key, created);
        return created;
    }

    /** Session.createDurableConsumer and Session.createSharedDurableConsumer javadoc. */
    private Subscription findDurable(ConsumerSpec spec, Key key, TopicAddress topic, List<StoreOperation> storeWork)
            throws JMSException {
        if (!spec.shared() && key.clientId() == null) {
            throw new IllegalStateException("unshared durable subscription '" + key.name()
                    + "' needs a client id; set one with Connection.setClientID first");
        }
        Subscription existing = durable.get(key);
        if (existing != null) {
            if (existing.kind().shared() != spec.shared()) {
                // "A shared durable subscription and an unshared durable subscription may not have the same
                // name and client identifier."
                throw new JMSException(existing.describe() + " already exists; it cannot be used as "
                        + (spec.shared() ? "a shared" : "an unshared") + " durable subscription");
            }
            boolean active = existing.queue().consumerCount() > 0;
            if (!spec.shared() && active) {
                throw new IllegalStateException(existing.describe() + " already has an active consumer");
            }
            // Shared durable subscriptions have no noLocal option, so only topic and selector count.
            boolean same = spec.shared()
                    ? existing.matches(topic, spec.selector(), existing.noLocal())
                    : existing.matches(topic, spec.selector(), spec.noLocal());
            if (same) {
                return existing;
            }
            if (active) {
                throw new JMSException(existing.describe() + " already exists on " + existing.topic().name()
                        + " with a different topic or selector and has active consumers");
            }
            // "equivalent to unsubscribing (deleting) the old one and creating a new one"
            delete(existing);
            durable.remove(key);
            storeWork.add(new StoreOperation.RemoveSubscription(existing.toRecord()));
        }
        Subscription created = create(spec.shared() ? Kind.SHARED_DURABLE : Kind.DURABLE, spec, topic, key, null);
        durable.put(key, created);
        storeWork.add(new StoreOperation.AddSubscription(created.toRecord()));
        return created;
    }

    private Subscription create(Kind kind, ConsumerSpec spec, TopicAddress topic, Key key, String connectionId)
            throws InvalidSelectorException {
        MessageFilter filter = MessageFilter.parse(spec.selector());
        String clientId = key == null ? null : key.clientId();
        String name = key == null ? null : key.name();
        MessageQueue queue = newQueue(kind, topic.name(), clientId, name);
        Subscription subscription = new Subscription(kind, name, clientId, topic, spec.selector(), filter, spec.noLocal(),
                kind.durable() ? null : connectionId, queue);
        topic.add(subscription);
        return subscription;
    }

    private MessageQueue newQueue(Kind kind, DestinationName topic, String clientId, String name) {
        String description = (kind.durable() ? "durable subscription '" : "subscription '")
                + (name == null ? "(unnamed)" : name) + "' on " + topic;
        String shownAs = clientId == null ? name : clientId + ":" + name; // as Subscription.displayName()
        return new MessageQueue(topic, description,
                kind.durable() ? QueueId.ofSubscription(clientId, name) : null, null, kind.durable() ? shownAs : null,
                context);
    }

    /** Rebuilds a durable subscription found in the store at start. */
    synchronized Subscription restore(DurableSubscriptionRecord record, TopicAddress topic) {
        Kind kind = record.shared() ? Kind.SHARED_DURABLE : Kind.DURABLE;
        MessageQueue queue = newQueue(kind, topic.name(), record.clientId(), record.name());
        Subscription subscription = new Subscription(kind, record.name(), record.clientId(), topic, record.selector(),
                restoredFilter(record), record.noLocal(), null, queue);
        topic.add(subscription);
        durable.put(new Key(record.clientId(), record.name()), subscription);
        return subscription;
    }

    /** A stored selector was valid when stored; should the parser have grown stricter, it selects nothing. */
    private static MessageFilter restoredFilter(DurableSubscriptionRecord record) {
        try {
            return MessageFilter.parse(record.selector());
        } catch (InvalidSelectorException e) {
            throw new java.lang.IllegalStateException("durable subscription '" + record.name()
                    + "' has a stored selector that no longer parses: " + e.getMessage(), e);
        }
    }

    /** The queue of the durable subscription stored under {@code id}, or null (XA recovery resolves stored work by it). */
    synchronized MessageQueue findDurable(QueueId id) {
        for (Subscription subscription : durable.values()) {
            if (id.equals(subscription.queue().storeQueue())) {
                return subscription.queue();
            }
        }
        return null;
    }

    /**
     * Detaches a closing consumer; a non-durable subscription ends with its last consumer, together with
     * its undelivered messages (Session.createSharedConsumer javadoc).
     */
    synchronized void release(ServerConsumer consumer) {
        Subscription subscription = consumer.subscription();
        subscription.queue().removeConsumer(consumer);
        if (!subscription.kind().durable() && subscription.queue().consumerCount() == 0) {
            delete(subscription);
            if (subscription.kind().shared()) {
                sharedNonDurable.remove(new Key(subscription.clientId(), subscription.name()), subscription);
            }
        }
    }

    /** The topic of the durable subscription {@code name} of {@code clientId} (may be null), or null when there is none. */
    synchronized DestinationName durableTopic(String clientId, String name) {
        Subscription existing = durable.get(new Key(clientId, name));
        return existing == null ? null : existing.topic().name();
    }

    /**
     * Session.unsubscribe: deletes a durable subscription; "erroneous ... while there is an active
     * consumer for the subscription, or while a consumed message is part of a pending transaction or has
     * not been acknowledged in the session".
     */
    void unsubscribe(String clientId, String name) throws JMSException {
        Subscription removed;
        synchronized (this) {
            Key key = new Key(clientId, name);
            removed = durable.get(key);
            if (removed == null) {
                throw new InvalidDestinationException("there is no durable subscription named '" + name + "'"
                        + (clientId == null ? " without a client id" : " for client id '" + clientId + "'"));
            }
            if (removed.queue().consumerCount() > 0) {
                throw new IllegalStateException(removed.describe() + " has an active consumer; close it before unsubscribing");
            }
            if (removed.queue().hasOutstanding()) {
                throw new IllegalStateException(removed.describe()
                        + " has delivered messages that are not acknowledged yet; commit or acknowledge them before unsubscribing");
            }
            durable.remove(key);
            delete(removed);
        }
        StoreCalls.await(store, List.of(new StoreOperation.RemoveSubscription(removed.toRecord())),
                "delete durable subscription '" + name + "'");
    }

    /**
     * Deletes the durable subscription operators see as {@code displayName} ({@link Subscription#displayName()}),
     * of {@code topic} when given; the same rules as {@link #unsubscribe}.
     */
    void unsubscribeByDisplayName(String displayName, String topic) throws JMSException {
        Key found = null;
        synchronized (this) {
            for (Map.Entry<Key, Subscription> entry : durable.entrySet()) {
                Subscription subscription = entry.getValue();
                if (subscription.displayName().equals(displayName)
                        && (topic == null || subscription.topic().name().name().equals(topic))) {
                    found = entry.getKey();
                }
            }
        }
        if (found == null) {
            throw new InvalidDestinationException("there is no durable subscription '" + displayName + "'"
                    + (topic == null ? "" : " of topic '" + topic + "'"));
        }
        unsubscribe(found.clientId(), found.name());
    }

    private void delete(Subscription subscription) {
        subscription.topic().remove(subscription);
        subscription.queue().delete();
    }
}
