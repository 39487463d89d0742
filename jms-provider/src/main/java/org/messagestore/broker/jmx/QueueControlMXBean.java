package org.messagestore.broker.jmx;

/**
 * A queue destination for JMX tools ({@code org.messagestore:type=Queue,broker=<broker>,name=<queue>}); every
 * attribute is read from {@code Broker.statistics()} when asked. Totals count since the broker started.
 * Reading an attribute of a queue deleted since the last refresh fails with IllegalStateException.
 *
 * <p>The operations act on waiting messages (not those delivered and unacknowledged, nor those a prepared
 * XA branch holds), in batches of at most a thousand, each one atomic store batch; they return when done.
 * A selector is a Jakarta Messaging message selector; null or empty selects every message. A bad selector
 * or an unknown target queue fails with IllegalArgumentException, a failed store batch with
 * IllegalStateException (the batches before it are done).
 */
public interface QueueControlMXBean {

    /** The queue's name; for a subscription, {@code clientId:name} when it has a client id. */
    String getName();

    /** Messages held: waiting, paged out, or delivered and not yet acknowledged. */
    long getDepth();

    /** Delivered to a consumer and not yet acknowledged, committed or taken back. */
    int getInFlight();

    /** Waiting in memory. */
    int getInMemory();

    /** Waiting in the store only, beyond the paging window. */
    long getPagedOut();

    /** Consumers attached now. */
    int getConsumers();

    /** Estimated bytes of its messages held in memory, waiting or delivered and not yet acknowledged. */
    long getMemoryBytes();

    /**
     * How long the message at the head of the queue (the next to be delivered; with a single priority, the
     * oldest waiting) has waited since it was sent, in milliseconds; 0 when none is due.
     */
    long getOldestMessageAgeMillis();

    /** Messages that arrived. */
    long getAdded();

    /** Deliveries to consumers, redeliveries included. */
    long getDelivered();

    /** Messages acknowledged or consumed in a committed transaction. */
    long getAcknowledged();

    /** Consumed messages that came back (rollback, recover, close) to be delivered again. */
    long getRedelivered();

    /** Messages that expired here. */
    long getExpired();

    /** Messages moved to the dead-letter queue (or discarded) over the delivery limit. */
    long getDeadLettered();

    /**
     * Removes the waiting messages the selector selects.
     *
     * @return how many were removed
     */
    long purge(String selector);

    /**
     * Moves the waiting messages the selector selects to the queue {@code targetQueue}; each keeps its
     * JMSMessageID, body, headers and properties, and starts again at delivery count 0.
     *
     * @return how many were moved
     */
    long moveMessages(String selector, String targetQueue);

    /**
     * Removes the waiting message whose JMSMessageID is {@code messageId}.
     *
     * @return false when no such message waits here
     */
    boolean removeMessage(String messageId);

    /**
     * For a dead-letter queue: sends the dead letters the selector selects back to the queue or durable
     * subscription each came from, without the {@code _MS_*} properties the move added; those of a temporary
     * queue, a non-durable subscription, or a queue or subscription that no longer exists stay.
     *
     * @return how many were sent back
     * @throws IllegalStateException on a subscription, which holds no dead letters
     */
    long retryDeadLetters(String selector);
}
