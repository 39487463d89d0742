package org.messagestore.broker;

/**
 * What a send that needs broker memory meets when the broker is over its memory limit
 * ({@link FlowControl#memoryLimit()}). Only messages that must stay in memory are affected:
 * non-persistent messages, and persistent ones sent to a temporary queue or a non-durable
 * subscription. Persistent messages for a queue or durable subscription never wait: they stay in the
 * store and are paged in later.
 */
public enum MemoryLimitPolicy {
    /**
     * The send waits, without holding a thread of the broker, until memory is freed (consumers
     * acknowledge), then proceeds in order; after {@link FlowControl#blockTimeout()} it fails with
     * ResourceAllocationException. In-VM the application's sending thread waits; over TCP the client's
     * send waits for its answer while the connection keeps serving its other sessions.
     */
    BLOCK,
    /** The send fails at once with ResourceAllocationException. */
    FAIL
}
