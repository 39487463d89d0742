package org.messagestore.store;

import java.util.Objects;

/**
 * Names one stored queue: a durable queue destination or a durable subscription. Both hold
 * references to stored messages; the store does not care which kind it is, only that the key is
 * stable across restarts and that the two kinds can never collide.
 *
 * @param value the stable key, e.g. {@code q/orders} or {@code s/+7:billing/audit}
 */
public record QueueId(String value) {

    public QueueId {
        Objects.requireNonNull(value, "value");
    }

    /** The stored queue of the queue destination {@code name}. */
    public static QueueId ofQueue(String name) {
        return new QueueId("q/" + name);
    }

    /**
     * The stored queue of the durable subscription {@code name} of {@code clientId} (null when the
     * subscription was created without a client id). The client id is length-prefixed so that no
     * pair of (client id, name) maps to the key of another pair.
     */
    public static QueueId ofSubscription(String clientId, String name) {
        String client = clientId == null ? "-" : "+" + clientId.length() + ":" + clientId;
        return new QueueId("s/" + client + "/" + name);
    }
}
