package org.messagestore.broker;

import java.util.Objects;

/**
 * One queue of the broker as an operator sees it ({@link BrokerStatistics#queues()}): a queue
 * destination or the queue behind a topic subscription. Totals count since the broker started.
 *
 * @param name         the queue's name; for a subscription, the subscription name ({@code clientId:name}
 *                     when it has a client id)
 * @param kind         what it is
 * @param topic        the topic of a subscription; null for a queue
 * @param depth        messages it holds: waiting, in the store beyond the paging window, or delivered
 *                     and not yet acknowledged
 * @param inFlight     delivered to a consumer and not yet acknowledged, committed or taken back
 * @param inMemory     waiting in memory (due or held back); {@code depth - inFlight - inMemory} wait in
 *                     the store only (paged out)
 * @param consumers    consumers attached now
 * @param added        messages that arrived
 * @param delivered    deliveries to consumers, redeliveries included
 * @param acknowledged messages acknowledged or consumed in a committed transaction
 * @param redelivered  consumed messages that came back (rollback, recover, close) to be delivered again
 * @param expired      messages that expired here (dropped or moved to the expiry queue)
 * @param deadLettered messages moved to the dead-letter queue (or discarded) over the delivery limit
 * @param memoryBytes  estimated bytes of its messages held in memory (waiting, and delivered not yet
 *                     acknowledged), as counted against the broker's memory limit
 * @param headTimestamp the JMSTimestamp of the message at the head of the queue, the next due one to be
 *                     delivered (with a single priority, the oldest waiting); 0 when none is due
 */
public record QueueStatistics(String name, Kind kind, String topic, long depth, int inFlight, int inMemory, int consumers,
                              long added, long delivered, long acknowledged, long redelivered, long expired,
                              long deadLettered, long memoryBytes, long headTimestamp) {

    public enum Kind {
        QUEUE, TEMPORARY_QUEUE, DURABLE_SUBSCRIPTION, NON_DURABLE_SUBSCRIPTION
    }

    public QueueStatistics {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** How long the message at the head of the queue has waited at {@code nowMillis}, in milliseconds; 0 when none is due. */
    public long headAgeMillis(long nowMillis) {
        return headTimestamp == 0 ? 0 : Math.max(0, nowMillis - headTimestamp);
    }

    /** Messages that wait in the store only, beyond the paging window. */
    public long pagedOut() {
        return Math.max(0, depth - inFlight - inMemory);
    }
}
