package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.messagestore.model.MessageData;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;

/**
 * One open queue browser (Jakarta Messaging 3.1, 4.7 "QueueBrowser"; QueueBrowser javadoc: the
 * enumeration may or may not reflect changes made after it was created). It consumes nothing and
 * never touches dispatch. It shows only references not expired, due for delivery (7.9 "Delivery
 * delay") and matching its selector, in two parts:
 * <ol>
 *   <li>the references waiting in the queue's memory when it was created, in delivery order, each
 *       shown only if the queue still holds it when the walk reaches it;</li>
 *   <li>if the queue was paging then, the references only the store held, in arrival order, read a
 *       page at a time with a fresh cursor resumed after the last one seen (never the whole backlog
 *       at once), skipping those of the first part and those the paging state says are in memory or
 *       locked by a prepared transaction. This is the order a consumer would receive them in, and a
 *       deep queue is shown whole, as Artemis and OpenMQ users expect. Delayed messages are left to
 *       the third part;</li>
 *   <li>the delayed messages still waiting in the store ({@link DelayedDeliveries}) that were due when
 *       the browser was created, read through the store's delivery-time index in the same way.</li>
 * </ol>
 * A message never shows twice: the two parts are disjoint and each walks forward only. A message in
 * the store throughout is shown, since a cursor sees every reference committed before it was opened.
 *
 * <p>Threads: the walk's state is guarded by {@code this}; the client calls from its session thread
 * (in-VM) or the connection's request executor (TCP), where reading the store may block. It takes the
 * queue lock inside its own, never across a store read; the queue never calls a cursor.
 */
final class QueueBrowserCursor {

    /** The most references one store read returns; with a short client batch, fewer. */
    private static final int STORE_PAGE = 256;

    private final long id;
    private final long sessionId;
    private final MessageQueue queue;
    private final MessageFilter filter;
    private List<MessageReference> snapshot;
    /** The queue's storage, where the store parts are read; null for a queue that is not durable. */
    private final QueueStorage storage;
    private int position;
    /** Where the store part starts and what it skips; null when there is none, or it is done. */
    private QueuePaging.BrowseStart stored;
    private long storedAfter;
    /** Where the delayed part starts and what it skips; null when there is none, or it is done. */
    private DelayedDeliveries.BrowseStart delayed;
    private ScheduleIndex.Key delayedAfter;
    private final long createdAt = System.currentTimeMillis();
    /** Ids of the first part, which the store part must not show again; built when it starts. */
    private Set<Long> snapshotIds;

    QueueBrowserCursor(long id, long sessionId, MessageQueue queue, MessageFilter filter) {
        this.id = id;
        this.sessionId = sessionId;
        this.queue = queue;
        this.filter = filter;
        MessageQueue.BrowseView view = queue.browseView();
        this.snapshot = view.snapshot();
        this.storage = view.storage();
        this.stored = view.stored();
        this.storedAfter = stored == null ? 0 : stored.afterPosition();
        this.delayed = view.delayed();
        this.delayedAfter = delayed == null ? null : delayed.after();
    }

    long id() {
        return id;
    }

    long sessionId() {
        return sessionId;
    }

    /**
     * Up to {@code max} (at least one) more messages; empty at the end. When the store fails before
     * this call found any message, throws; the next call reads from the same place again.
     */
    synchronized List<MessageData> next(int max) throws JMSException {
        int limit = Math.max(1, max);
        long now = System.currentTimeMillis();
        List<MessageData> page = new ArrayList<>();
        while (page.size() < limit && position < snapshot.size()) {
            MessageReference reference = snapshot.get(position++);
            if (visible(reference.message(), now) && queue.holds(reference)) {
                page.add(reference.message().data());
            }
        }
        if (page.size() < limit && (stored != null || delayed != null)) {
            try {
                rememberSnapshotIds();
                if (stored != null) {
                    readStored(page, limit, now);
                }
                if (page.size() < limit && delayed != null) {
                    readDelayed(page, limit, now);
                }
            } catch (RuntimeException e) {
                if (page.isEmpty()) {
                    throw StoreCalls.failure("browse " + queue, e);
                }
            }
        }
        return page;
    }

    /** Adds visible references from the store to {@code page} until it holds {@code limit} or the store ends. */
    private void readStored(List<MessageData> page, int limit, long now) {
        if (queue.isDeleted()) {
            finishStored();
            return;
        }
        try (ReferenceCursor cursor = storage.openCursor(storedAfter)) {
            while (page.size() < limit) {
                // Never more than the page still needs, so every reference read is looked at once.
                List<StoredReference> read = cursor.next(Math.min(limit - page.size(), STORE_PAGE));
                if (read.isEmpty()) {
                    finishStored();
                    return;
                }
                for (StoredReference reference : read) {
                    storedAfter = reference.position();
                    long messageId = reference.messageId();
                    // Cheap checks first: the selector runs last.
                    if (!stored.skips(messageId) && !snapshotIds.contains(messageId)
                            && !ScheduleIndex.DELIVERY_TIME.holds(reference.message()) && visible(BrokerMessage.stored(reference), now)) {
                        page.add(reference.message());
                    }
                }
            }
        }
    }

    /** Adds the due delayed references waiting in the store to {@code page}, as {@link #readStored} does. */
    private void readDelayed(List<MessageData> page, int limit, long now) {
        if (queue.isDeleted()) {
            delayed = null;
            return;
        }
        while (page.size() < limit) {
            ScheduleIndex.Page read = storage.readDelayed(delayedAfter, createdAt, Math.min(limit - page.size(), STORE_PAGE));
            for (StoredReference reference : read.references()) {
                delayedAfter = ScheduleIndex.Key.of(ScheduleIndex.DELIVERY_TIME, reference);
                long messageId = reference.messageId();
                if (!delayed.skips().contains(messageId) && !snapshotIds.contains(messageId)
                        && visible(BrokerMessage.stored(reference), now)) {
                    page.add(reference.message());
                }
            }
            if (read.nextTime() > createdAt || read.references().isEmpty()) {
                delayed = null;
                return;
            }
        }
    }

    /** The store parts must not show a reference of the first part again; its snapshot is no longer needed. */
    private void rememberSnapshotIds() {
        if (snapshotIds == null) {
            snapshotIds = new HashSet<>();
            snapshot.forEach(reference -> snapshotIds.add(reference.message().storeId()));
            snapshot = List.of();
            position = 0;
        }
    }

    private void finishStored() {
        stored = null;
    }

    private boolean visible(BrokerMessage message, long now) {
        MessageData data = message.data();
        return !data.isExpired(now) && data.deliveryTime() <= now && filter.matches(message);
    }

    /** Lets go of the snapshot and the store part. */
    synchronized void close() {
        snapshot = List.of();
        position = 0;
        finishStored();
        delayed = null;
        snapshotIds = Set.of();
    }
}
