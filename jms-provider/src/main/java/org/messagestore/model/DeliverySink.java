package org.messagestore.model;

/**
 * Where the broker puts messages for one consumer: the client's prefetch buffer. Both methods are
 * called by broker threads, must not block, and must not call back into the broker.
 */
public interface DeliverySink {

    /** Buffers one delivery, in the order the broker calls this. */
    void deliver(Delivery delivery);

    /**
     * Drops every buffered delivery not yet handed to the application. The broker calls this when it
     * takes those deliveries back (session rollback or recover) before dispatching anything again, so
     * the client never sees a delivery the broker no longer counts as outstanding.
     */
    void discardBuffered();
}
