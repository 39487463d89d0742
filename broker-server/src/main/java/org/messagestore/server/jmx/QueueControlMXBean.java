package org.messagestore.server.jmx;

/**
 * A queue destination for JMX tools ({@code org.messagestore:type=Queue,broker=<broker>,name=<queue>}); every
 * attribute is read from {@code Broker.statistics()} when asked. Totals count since the broker started.
 * Reading an attribute of a queue deleted since the last refresh fails with IllegalStateException.
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
}
