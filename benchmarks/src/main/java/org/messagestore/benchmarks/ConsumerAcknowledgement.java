package org.messagestore.benchmarks;

import jakarta.jms.Session;

/**
 * How a consumer session acknowledges: AUTO_ACKNOWLEDGE (every message, by the provider), or
 * CLIENT_ACKNOWLEDGE with {@code Message.acknowledge()} after every {@code batch} messages, which
 * acknowledges everything the session consumed so far (Jakarta Messaging 3.1, 6.2.10). The latter is how a
 * throughput-minded user drains a backlog on any broker; unlike DUPS_OK_ACKNOWLEDGE, whose batching each
 * provider chooses for itself, it sends the same number of acknowledgements to both peers.
 */
record ConsumerAcknowledgement(int sessionMode, int batch) {

    static ConsumerAcknowledgement auto() {
        return new ConsumerAcknowledgement(Session.AUTO_ACKNOWLEDGE, 1);
    }

    static ConsumerAcknowledgement clientEvery(int batch) {
        return new ConsumerAcknowledgement(Session.CLIENT_ACKNOWLEDGE, batch);
    }

    boolean explicit() {
        return sessionMode == Session.CLIENT_ACKNOWLEDGE;
    }

    /** For row names: "AUTO_ACK" or, e.g., "CLIENT_ACK per 100". */
    String describe() {
        return explicit() ? "CLIENT_ACK per " + batch : "AUTO_ACK";
    }
}
