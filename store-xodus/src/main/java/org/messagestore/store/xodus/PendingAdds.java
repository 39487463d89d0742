package org.messagestore.store.xodus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagestore.store.QueueId;

/**
 * Messages added in the current flush and their references, held back from Xodus until the flush
 * writes them. A reference removed before then cancels its add in memory, and a message whose last
 * pending reference is cancelled is dropped too: neither reaches disk (the elision of issue 4, "do
 * not write what is already gone"). Only references to messages added in this flush are held
 * here; a reference to a message already on disk is written at once, so refcounts on disk stay
 * exact whatever order a flush's removals come in.
 *
 * <p>Threads: owned by the thread flushing, one instance per flush.
 */
final class PendingAdds {

    /** A message held back, encoded, with its schedule times and how many pending references hold it. */
    static final class Message {
        final byte[] encoded;
        final ScheduledTimes times;
        int references;

        Message(byte[] encoded, ScheduledTimes times) {
            this.encoded = encoded;
            this.times = times;
        }
    }

    /**
     * A reference held back: where it goes (queue number, sequence), the times its message is
     * indexed under, and its delivery count. Cancelling it cancels its index entries too, since
     * they are written with it.
     */
    static final class Reference {
        final int queueNumber;
        final long sequence;
        final long messageId;
        final ScheduledTimes times;
        int deliveryCount;
        long redeliverAt;

        Reference(int queueNumber, long sequence, long messageId, ScheduledTimes times) {
            this.queueNumber = queueNumber;
            this.sequence = sequence;
            this.messageId = messageId;
            this.times = times;
        }
    }

    record ReferenceKey(QueueId queue, long messageId) {
    }

    private final Map<Long, Message> messages = new HashMap<>();
    private final Map<ReferenceKey, Reference> references = new LinkedHashMap<>();

    /** The message added in this flush under {@code messageId}, or null. */
    Message message(long messageId) {
        return messages.get(messageId);
    }

    void addMessage(long messageId, byte[] encoded, ScheduledTimes times) {
        messages.put(messageId, new Message(encoded, times));
    }

    Reference reference(QueueId queue, long messageId) {
        return references.get(new ReferenceKey(queue, messageId));
    }

    void addReference(QueueId queue, Reference reference) {
        references.put(new ReferenceKey(queue, reference.messageId), reference);
        messages.get(reference.messageId).references++;
    }

    /**
     * Cancels a pending reference; returns whether its message was dropped with it (no pending
     * reference left).
     */
    boolean cancelReference(QueueId queue, long messageId) {
        Reference removed = references.remove(new ReferenceKey(queue, messageId));
        Message message = messages.get(removed.messageId);
        if (--message.references == 0) {
            messages.remove(removed.messageId);
            return true;
        }
        return false;
    }

    /** The pending references of one queue (to cancel when the queue is dropped). */
    List<ReferenceKey> referencesOf(QueueId queue) {
        List<ReferenceKey> keys = new ArrayList<>();
        references.keySet().stream().filter(k -> k.queue().equals(queue)).forEach(keys::add);
        return keys;
    }

    /** Drops a message added in this flush that no reference holds (StoreOperation.AddMessage's contract). */
    void dropIfUnreferenced(long messageId) {
        Message message = messages.get(messageId);
        if (message != null && message.references == 0) {
            messages.remove(messageId);
        }
    }

    Map<Long, Message> messages() {
        return messages;
    }

    Iterable<Reference> references() {
        return references.values();
    }
}
