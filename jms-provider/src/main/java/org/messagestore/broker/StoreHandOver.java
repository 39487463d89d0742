package org.messagestore.broker;

import java.util.Set;

/**
 * Where each message of one queue waits: in the queue's memory, or in the store until there is room
 * (paging) or until it is due (a delayed message). It follows a persistent message of a durable queue
 * through its send, one step at a time: the store write starts, the message may be admitted early while
 * the write is in flight, the write completes (or fails) and the message arrives. Anything else, a
 * non-persistent message or a queue that is not durable, always waits in memory and needs no bookkeeping.
 *
 * <p>Threads: guarded by the queue's lock, which every caller holds; the reads it starts run on the
 * broker's {@link PageReader} thread (see {@link QueueStorage}).
 */
final class StoreHandOver {

    /** The stored part of a durable queue; null for a queue that is not durable. */
    private final QueueStorage storage;

    StoreHandOver(QueueStorage storage) {
        this.storage = storage;
    }

    /** Whether this message is (or is being) stored for the queue: a persistent message in a durable queue. */
    boolean keeps(BrokerMessage message) {
        return storage != null && message.persistent();
    }

    /** The store write of {@code message} for this queue is about to start. */
    void writeStarted(BrokerMessage message) {
        if (keeps(message)) {
            storage.writeStartedLocked(message);
        }
    }

    /** The write of {@code message} failed: nothing arrives. */
    void writeFailed(BrokerMessage message) {
        if (keeps(message)) {
            storage.writeFailedLocked(message);
        }
    }

    /** Whether a message whose write is still in flight may enter memory now. */
    boolean admitsEarly(BrokerMessage message, int resident) {
        return !keeps(message) || storage.admitEarlyLocked(message, resident);
    }

    /** The write of a message {@link #admitsEarly} let in is durable. */
    void writeCompleted(BrokerMessage message) {
        if (keeps(message)) {
            storage.writeCompletedLocked();
        }
    }

    /** The message's write is durable (or it needed none): whether it enters memory now, else it waits in the store. */
    boolean admitsOnArrival(MessageReference reference, int resident) {
        return !keeps(reference.message()) || storage.arrivedLocked(reference, resident);
    }

    /** A reference comes back into memory from elsewhere (a failed dead-letter move). */
    void reentered(MessageReference reference) {
        if (keeps(reference.message())) {
            storage.reenteredLocked(reference);
        }
    }

    /** A reference left memory for good. */
    void left(MessageReference reference) {
        if (keeps(reference.message())) {
            storage.leftLocked(reference);
        }
    }

    /** The queue was found in the store at start: everything is there, nothing in memory yet. */
    void recovered(Set<Long> lockedByPrepared) {
        if (storage != null) {
            storage.recoverLocked(lockedByPrepared);
        }
    }

    /** Starts the store reads that are due, given how many references wait in memory. */
    void requestReads(int resident) {
        if (storage != null) {
            storage.requestReadsLocked(resident);
        }
    }

    /** When a store read is next due after {@code now}, or MAX_VALUE. */
    long nextWakeUp(long now) {
        return storage == null ? Long.MAX_VALUE : storage.nextWakeUpLocked(now);
    }

    /** The queue was deleted. */
    void clear() {
        if (storage != null) {
            storage.clearLocked();
        }
    }

    /** The stored part, for browsers and tests; null when the queue is not durable. */
    QueueStorage storage() {
        return storage;
    }
}
