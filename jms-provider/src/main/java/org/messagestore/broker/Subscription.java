package org.messagestore.broker;

import java.util.Objects;
import org.messagestore.store.DurableSubscriptionRecord;

/**
 * A topic subscription: which messages of its topic it takes, and the queue that holds them
 * (Jakarta Messaging 3.1, 6.11 "Topic subscriptions").
 *
 * @param kind              durable or not, shared or not
 * @param name              the subscription name; null for an unshared non-durable subscription
 * @param clientId          the client id it is keyed by, or null
 * @param topic             the topic it subscribes to
 * @param selector          its selector as given, or null; "same subscription" rules compare this string
 * @param filter            the parsed selector; only matching messages are added at send time (3.8)
 * @param noLocal           whether it skips messages from its own connection (non-durable) or from any
 *                          connection with its client id (durable)
 * @param ownerConnectionId the connection that created a non-durable subscription, else null
 * @param queue             its messages
 */
record Subscription(Kind kind, String name, String clientId, TopicAddress topic, String selector,
                    MessageFilter filter, boolean noLocal, String ownerConnectionId, MessageQueue queue) {

    enum Kind {
        NON_DURABLE, SHARED_NON_DURABLE, DURABLE, SHARED_DURABLE;

        boolean durable() {
            return this == DURABLE || this == SHARED_DURABLE;
        }

        boolean shared() {
            return this == SHARED_NON_DURABLE || this == SHARED_DURABLE;
        }
    }

    /**
     * Whether a message sent to the topic is added to this subscription: its selector (3.8), and
     * noLocal, Jakarta Messaging 3.1, 6.11.1/6.11.2: a non-durable subscription skips messages published
     * by its own connection; a durable one skips messages published by any connection with the same
     * client id.
     */
    boolean accepts(BrokerMessage message) {
        if (!noLocal) {
            return filter.matches(message);
        }
        if (kind.durable()) {
            return (clientId == null || !clientId.equals(message.senderClientId())) && filter.matches(message);
        }
        return !Objects.equals(ownerConnectionId, message.senderConnectionId()) && filter.matches(message);
    }

    /** {@code clientId:name}, {@code name} without a client id, {@code (unnamed)} for an unshared non-durable one. */
    String displayName() {
        String shown = name == null ? "(unnamed)" : name;
        return clientId == null ? shown : clientId + ":" + shown;
    }

    /** Same topic, selector and noLocal: a consumer asking for these may reuse the subscription. */
    boolean matches(TopicAddress otherTopic, String otherSelector, boolean otherNoLocal) {
        return topic == otherTopic && Objects.equals(selector, otherSelector) && noLocal == otherNoLocal;
    }

    DurableSubscriptionRecord toRecord() {
        return new DurableSubscriptionRecord(clientId, name, topic.name().name(), selector, noLocal, kind.shared());
    }

    String describe() {
        String kindText = switch (kind) {
            case NON_DURABLE -> "non-durable subscription";
            case SHARED_NON_DURABLE -> "shared non-durable subscription";
            case DURABLE -> "durable subscription";
            case SHARED_DURABLE -> "shared durable subscription";
        };
        return kindText + (name == null ? "" : " '" + name + "'")
                + (clientId == null ? "" : " of client id '" + clientId + "'");
    }
}
