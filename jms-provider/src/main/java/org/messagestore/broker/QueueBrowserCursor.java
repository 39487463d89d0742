package org.messagestore.broker;

import java.util.ArrayList;
import java.util.List;
import org.messagestore.protocol.MessageData;

/**
 * One open queue browser (Jakarta Messaging 3.1, 4.7 "QueueBrowser"; QueueBrowser javadoc: the
 * enumeration may or may not reflect changes made after it was created). It consumes nothing and
 * never touches dispatch: at creation it takes a snapshot of the references waiting in the queue, in
 * delivery order, and each {@link #next} walks on from where it stopped, showing only references
 * still in the queue, not expired, due for delivery (7.9 "Delivery delay") and matching its selector.
 *
 * <p>Threads: the position and snapshot are guarded by {@code this}; the client calls from its
 * session thread. It takes the queue lock inside its own; the queue never calls a cursor.
 */
final class QueueBrowserCursor {

    private final long id;
    private final long sessionId;
    private final MessageQueue queue;
    private final MessageFilter filter;
    private List<MessageReference> snapshot;
    private int position;

    QueueBrowserCursor(long id, long sessionId, MessageQueue queue, MessageFilter filter) {
        this.id = id;
        this.sessionId = sessionId;
        this.queue = queue;
        this.filter = filter;
        this.snapshot = queue.snapshot();
    }

    long id() {
        return id;
    }

    long sessionId() {
        return sessionId;
    }

    /** Up to {@code max} (at least one) more messages; empty at the end of the snapshot. */
    synchronized List<MessageData> next(int max) {
        int limit = Math.max(1, max);
        long now = System.currentTimeMillis();
        List<MessageData> page = new ArrayList<>();
        while (page.size() < limit && position < snapshot.size()) {
            MessageReference reference = snapshot.get(position++);
            MessageData data = reference.message().data();
            if (!data.isExpired(now) && data.deliveryTime() <= now
                    && filter.matches(reference.message()) && queue.holds(reference)) {
                page.add(data);
            }
        }
        return page;
    }

    /** Lets go of the snapshot. */
    synchronized void close() {
        snapshot = List.of();
        position = 0;
    }
}
