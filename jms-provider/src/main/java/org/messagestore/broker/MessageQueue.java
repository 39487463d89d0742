package org.messagestore.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import jakarta.jms.InvalidDestinationException;
import org.messagestore.model.DestinationName;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/**
 * A queue of message references with its consumers: a queue destination, a temporary queue, or the
 * queue behind a topic subscription. It orders messages by priority then arrival, pushes them
 * round-robin to consumers that have credit, and takes them back on rollback.
 *
 * <p>Threads: all state (pending references, consumers, the round-robin cursor, the outstanding
 * count, and the credit of its consumers) is guarded by {@code lock}. Any thread may call in: client
 * threads (send, consumed, pull, rollback) and store completion threads (a durable send becoming
 * visible). Dispatch runs on the calling thread with the lock held; it calls only non-blocking
 * {@link org.messagestore.model.DeliverySink}s and {@link ServerSession#addOutstanding}. The lock
 * is never held while calling the store. Lock order: subscription registry, then queue, then session.
 *
 * <p>Delivery delay (Jakarta Messaging 3.1, 7.9): a message whose delivery time has not come waits in
 * {@code held}, ordered by delivery time, and does not block due messages behind it (a due message may
 * overtake a held one). Dispatch moves due messages to {@code pending} and asks the broker's
 * {@link DeliveryScheduler} to run dispatch again when the earliest held message becomes due.
 *
 * <p>Redelivery ({@link RedeliveryPolicy}): a consumed message that comes back waits in {@code held}
 * until its redelivery delay has passed (by the same mechanism as delivery delay), or, over its
 * delivery limit, leaves for the dead-letter queue through {@link UndeliverableRouter}; so do expired
 * messages found by dispatch. Those moves run after the lock is released.
 *
 * <p>Message groups ({@link MessageGroups}, 3.5.9 JMSXGroupID): a message of a group goes to the
 * group's owner, chosen round-robin when the group's first message is dispatched and released when it
 * closes. This applies to every queue, including those behind shared subscriptions.
 *
 * <p>Selectors (3.8): dispatch walks {@code pending} in order and gives each message to the next
 * consumer with credit whose selector it matches; a message no consumer selects stays where it is
 * for later consumers, and the walk goes on past it.
 *
 * <p>Storage ({@link QueueStorage}, durable queues only): at most {@link FlowControl#pagingWindow()}
 * references wait in memory ({@code pending} + {@code held}); beyond that persistent messages stay in
 * the store and are read back, oldest first, by the broker's {@link PageReader} thread when the
 * in-memory part drops below half the window. Delayed persistent messages wait in the store until due,
 * and expired ones leave it without being read in. Reads run without the lock; only the hand-over
 * takes it. Priority order (3.4.10), selectors and groups apply to what is in memory: a high-priority
 * message beyond the window waits until it is paged in, and a window full of messages no consumer
 * selects holds the rest back (the same relaxation as Artemis paging). Non-persistent messages are
 * always held in memory. Every reference held in memory, delivered or not, counts against the
 * broker's {@link MemoryLimit} until it leaves.
 */
final class MessageQueue implements Address {

    private final DestinationName name;
    private final String description;
    private final QueueId storeQueue;
    private final UndeliverableRouter undeliverable;
    private final MemoryLimit memory;
    private final RedeliveryPolicy redelivery;
    private final String ownerConnectionId;
    private final ReentrantLock lock = new ReentrantLock();
    private static final Comparator<MessageReference> DUE_ORDER =
            Comparator.comparingLong(MessageQueue::dueAt).thenComparing(MessageReference.DISPATCH_ORDER);

    private final DeliveryScheduler scheduler;
    private final TreeSet<MessageReference> pending = new TreeSet<>(MessageReference.DISPATCH_ORDER);
    private final TreeSet<MessageReference> held = new TreeSet<>(DUE_ORDER);
    /** When the scheduled wake-up runs, or 0 when none is scheduled. */
    private long wakeUpAt;
    /**
     * How long after an expiration, at the latest, a wake-up takes expired references out of memory when
     * no dispatch met them: the scan walks the whole window, so it runs at most this often.
     */
    private static final long EXPIRY_SCAN_DELAY_MILLIS = 1_000;
    /** No reference waiting in memory expires before this (a lower bound); MAX_VALUE when none expires. */
    private long earliestExpiration = Long.MAX_VALUE;
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private final MessageGroups groups = new MessageGroups();
    private int outstanding;
    private boolean deleted;
    /** The part of a durable queue that waits in the store; null for a queue that is not durable. */
    private final QueueStorage storage;
    /** Most references ever waiting in memory at once; for tests. */
    private int peakResident;

    /**
     * @param name              the destination this queue serves (the topic, for a subscription)
     * @param description       for error messages, e.g. {@code queue 'orders'}
     * @param storeQueue        where its persistent references are stored, or null when it is not
     *                          durable (temporary queues, non-durable subscriptions)
     * @param ownerConnectionId the creating connection of a temporary queue, else null
     * @param context           the broker-wide scheduler, undeliverable router, memory limit and pager
     */
    MessageQueue(DestinationName name, String description, QueueId storeQueue, String ownerConnectionId,
                 QueueContext context) {
        this.scheduler = context.scheduler();
        this.name = name;
        this.description = description;
        this.storeQueue = storeQueue;
        this.undeliverable = context.undeliverable();
        this.memory = context.memory();
        this.redelivery = undeliverable.redeliveryPolicyFor(name);
        this.ownerConnectionId = ownerConnectionId;
        this.storage = storeQueue == null ? null : new QueueStorage(this, lock, storeQueue, context);
    }

    @Override
    public DestinationName name() {
        return name;
    }

    /** True when persistent messages in this queue are written to the store. */
    boolean durable() {
        return storeQueue != null;
    }

    QueueId storeQueue() {
        return storeQueue;
    }

    String ownerConnectionId() {
        return ownerConnectionId;
    }

    /** Whether this is the queue destination (not a subscription, not temporary) named {@code queueName}. */
    boolean isQueueNamed(String queueName) {
        return name.kind() == DestinationName.Kind.QUEUE && name.name().equals(queueName) && storeQueue != null;
    }

    @Override
    public List<MessageQueue> targets(BrokerMessage message) {
        return isDeleted() ? List.of() : List.of(this);
    }

    /**
     * Puts back references that were in this queue's memory and left it (a dead-letter move that could
     * not be stored), and dispatches.
     */
    void enqueue(Collection<MessageReference> references) {
        withLockThenDispatch(() -> {
            if (!deleted) {
                long now = System.currentTimeMillis();
                for (MessageReference reference : references) {
                    if (stored(reference.message())) {
                        storage.reenteredLocked(reference);
                    }
                    admitLocked(reference, now);
                }
            }
        });
    }

    /**
     * A persistent message is about to be written to the store for this queue; its {@link #arrived}
     * or {@link #writeFailed} follows. Lets the storage know a write is in flight (see {@link QueuePaging}).
     */
    void writeStarted(BrokerMessage message) {
        if (stored(message)) {
            lock.lock();
            try {
                storage.writeStartedLocked(message);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The store write announced by {@link #writeStarted} failed. The reference {@link #arrivedEarly}
     * took in (null if none) leaves memory if it is still waiting here.
     */
    void writeFailed(BrokerMessage message, MessageReference takenInEarly) {
        lock.lock();
        try {
            if (takenInEarly != null && (pending.remove(takenInEarly) || held.remove(takenInEarly))) {
                releaseLocked(takenInEarly);
            }
            if (stored(message)) {
                storage.writeFailedLocked(message);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A message whose store write is still in flight (a non-transacted send, see
     * {@link MessageRouter#send}): enters memory and is dispatched now if the queue has room for it
     * (not paging, not delayed). Returns whether it did; then {@link #writeCompleted} or
     * {@link #writeFailed} follows, else {@link #arrived} or {@link #writeFailed}.
     */
    boolean arrivedEarly(MessageReference reference) {
        BrokerMessage message = reference.message();
        boolean[] admitted = {false};
        withLockThenDispatch(() -> {
            if (!deleted) {
                admitted[0] = !stored(message) || storage.admitEarlyLocked(message, residentLocked());
                if (admitted[0]) {
                    admitLocked(reference, System.currentTimeMillis());
                }
            }
        });
        return admitted[0];
    }

    /** The store write of a message {@link #arrivedEarly} took in is durable. */
    void writeCompleted(BrokerMessage message) {
        if (stored(message)) {
            lock.lock();
            try {
                storage.writeCompletedLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A new message for this queue, stored if it is persistent and the queue durable: enters memory and
     * is dispatched, unless the storage keeps it in the store for now (a paging queue, a delayed message).
     */
    void arrived(MessageReference reference) {
        withLockThenDispatch(() -> {
            boolean inMemory = !stored(reference.message()) || storage.arrivedLocked(reference, residentLocked());
            if (inMemory && !deleted) {
                admitLocked(reference, System.currentTimeMillis());
            }
        });
    }

    /**
     * A queue found in the store at start: it starts paging from the store's first reference, and
     * reads its first page now (on the starting thread), so start-up reads one page per queue whatever
     * the backlog.
     *
     * @param lockedByPrepared message ids a prepared XA branch will acknowledge: never paged in
     */
    void recover(Set<Long> lockedByPrepared) {
        lock.lock();
        try {
            storage.recoverLocked(lockedByPrepared);
        } finally {
            lock.unlock();
        }
        storage.pageIn();
    }

    /**
     * Takes the expired references out of memory once the earliest expiration has passed: dispatch
     * finds them too, but only while a consumer can take messages, and until then they would hold
     * memory (Jakarta Messaging 3.1, 3.4.9). Also works out the next earliest expiration.
     */
    private List<MessageReference> takeExpiredLocked(long now) {
        List<MessageReference> expired = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        for (TreeSet<MessageReference> waiting : List.of(pending, held)) {
            for (Iterator<MessageReference> it = waiting.iterator(); it.hasNext(); ) {
                MessageReference reference = it.next();
                long expiration = reference.message().data().expiration();
                if (expiration != 0 && expiration <= now) {
                    it.remove();
                    releaseLocked(reference);
                    expired.add(reference);
                } else if (expiration != 0) {
                    earliest = Math.min(earliest, expiration);
                }
            }
        }
        earliestExpiration = earliest;
        return expired;
    }

    /** A reference waits in memory: due (pending) or held; its expiration, if any, is noted. */
    private void waitLocked(MessageReference reference, long now) {
        (dueAt(reference) > now ? held : pending).add(reference);
        long expiration = reference.message().data().expiration();
        if (expiration != 0) {
            earliestExpiration = Math.min(earliestExpiration, expiration);
        }
    }

    /** Whether this message is (or is being) stored for this queue: a persistent message in a durable queue. */
    private boolean stored(BrokerMessage message) {
        return storage != null && message.persistent();
    }

    /** A reference enters memory: waiting (due or held) and counted against the memory limit. */
    void admitLocked(MessageReference reference, long now) {
        waitLocked(reference, now);
        memory.add(reference.message().data().estimatedSize());
        peakResident = Math.max(peakResident, residentLocked());
    }

    /** A reference leaves memory for good: acknowledged, expired, moved away, or its queue deleted. */
    private void releaseLocked(MessageReference reference) {
        memory.release(reference.message().data().estimatedSize());
        if (stored(reference.message())) {
            storage.leftLocked(reference);
        }
    }

    int residentLocked() {
        return pending.size() + held.size();
    }

    void addConsumer(ServerConsumer consumer) throws InvalidDestinationException {
        lock.lock();
        try {
            if (deleted) {
                throw new InvalidDestinationException(description + " has been deleted");
            }
            consumers.add(consumer);
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /**
     * Removes a consumer. Its unconsumed deliveries come back unchanged (BrokerConnection#closeConsumer);
     * its consumed ones stay with its session until acknowledge or rollback.
     */
    void removeConsumer(ServerConsumer consumer) {
        // Only unconsumed deliveries are taken, so there are no delivery counts to store.
        takeBack(consumer.session(), d -> d.consumer() == consumer && !d.consumed(), () -> {
            consumer.detach();
            consumers.remove(consumer);
            groups.release(consumer);
        });
    }

    /** A delivery of {@code consumer} reached the application: one more prefetch slot. */
    void consumed(ServerConsumer consumer) {
        withLockThenDispatch(consumer::consumedOne);
    }

    /** Dispatches again, e.g. when a connection starts and its consumers may receive. */
    void wake() {
        dispatch();
    }

    void pull(ServerConsumer consumer) {
        withLockThenDispatch(consumer::pull);
    }

    /**
     * Cancels unanswered pulls. Dispatch happens under the same lock, so when this returns every
     * delivery pushed for those pulls is already in the consumer's sink.
     */
    void drain(ServerConsumer consumer) {
        lock.lock();
        try {
            consumer.drain();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes back the deliveries of {@code session} from this queue that match {@code which}, in one
     * step with respect to dispatch: the affected consumers' buffers are discarded before anything is
     * pushed again. Unconsumed ones return to their original positions unchanged. Consumed ones count a
     * redelivery and then, by the {@link RedeliveryPolicy}, either return (held for the redelivery
     * delay) or, over the delivery limit, leave for the dead-letter queue.
     *
     * @return the store work (new delivery counts, dead-letter moves) for the caller to apply, and what
     *         to run after it is stored or failed
     */
    UndeliverableRouter.Move takeBack(ServerSession session, Predicate<OutstandingDelivery> which) {
        return takeBack(session, which, () -> {
        });
    }

    private UndeliverableRouter.Move takeBack(ServerSession session, Predicate<OutstandingDelivery> which,
                                              Runnable alsoUnderLock) {
        return takeBack(() -> session.takeOutstanding(this, which), alsoUnderLock);
    }

    /**
     * Takes back deliveries of this queue that no session holds any more: the consumed messages of an
     * XA branch that rolled back ({@link XaCompletion}). Same rules as {@link #takeBack(ServerSession, Predicate)}.
     */
    UndeliverableRouter.Move takeBack(List<OutstandingDelivery> detached) {
        return takeBack(() -> detached, () -> {
        });
    }

    private UndeliverableRouter.Move takeBack(Supplier<List<OutstandingDelivery>> taking, Runnable alsoUnderLock) {
        List<StoreOperation> countUpdates = new ArrayList<>();
        List<MessageReference> exhausted = new ArrayList<>();
        withLockThenDispatch(() -> {
            alsoUnderLock.run();
            long now = System.currentTimeMillis();
            List<OutstandingDelivery> taken = taking.get();
            Map<ServerConsumer, Integer> unconsumedByConsumer = new LinkedHashMap<>();
            for (OutstandingDelivery delivery : taken) {
                MessageReference reference = delivery.reference();
                if (delivery.consumed()) {
                    reference.countRedelivery();
                    if (!deleted && redelivery.exhausted(reference.deliveryCount(), this)) {
                        exhausted.add(reference);
                        releaseLocked(reference);
                        continue;
                    }
                    reference.holdUntil(now + redelivery.redeliveryDelayMillis());
                    if (stored(reference.message())) {
                        countUpdates.add(new StoreOperation.UpdateDeliveryCount(
                                storeQueue, reference.message().storeId(), reference.deliveryCount()));
                    }
                } else {
                    unconsumedByConsumer.merge(delivery.consumer(), 1, Integer::sum);
                }
                if (deleted) {
                    releaseLocked(reference);
                } else {
                    waitLocked(reference, now);
                }
            }
            unconsumedByConsumer.forEach(ServerConsumer::takenBack);
            outstanding -= taken.size();
        });
        UndeliverableRouter.Move move = exhausted.isEmpty() ? UndeliverableRouter.Move.NONE
                : undeliverable.deadLetter(this, exhausted);
        return move.plus(countUpdates);
    }

    /** Acknowledged or committed deliveries have left the queue for good. */
    void settled(List<MessageReference> references) {
        lock.lock();
        try {
            outstanding -= references.size();
            references.forEach(this::releaseLocked);
        } finally {
            lock.unlock();
        }
    }

    /** The store record to delete when a reference of this queue is acknowledged, or null. */
    StoreOperation removal(MessageReference reference) {
        return stored(reference.message())
                ? new StoreOperation.RemoveReference(storeQueue, reference.message().storeId())
                : null;
    }

    int consumerCount() {
        lock.lock();
        try {
            return consumers.size();
        } finally {
            lock.unlock();
        }
    }

    /** Delivered messages not yet acknowledged, committed or taken back. */
    boolean hasOutstanding() {
        lock.lock();
        try {
            return outstanding > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Messages waiting in the queue's memory, due or held. A paging queue holds more in the store.
     */
    int pendingCount() {
        lock.lock();
        try {
            return pending.size() + held.size();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the queue unless a consumer is attached; returns whether it was deleted. */
    boolean deleteIfNoConsumers() {
        lock.lock();
        try {
            if (!consumers.isEmpty()) {
                return false;
            }
            deleteLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the queue and drops its messages; later sends to it go nowhere. */
    void delete() {
        lock.lock();
        try {
            deleteLocked();
        } finally {
            lock.unlock();
        }
    }

    private void deleteLocked() {
        deleted = true;
        if (storage != null) {
            storage.clearLocked();
        }
        pending.forEach(this::releaseLocked);
        held.forEach(this::releaseLocked);
        pending.clear();
        held.clear();
        consumers.forEach(ServerConsumer::detach);
        consumers.clear();
        groups.clear();
    }

    boolean isDeleted() {
        lock.lock();
        try {
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    boolean isDeletedLocked() {
        return deleted;
    }

    private void dispatch() {
        withLockThenDispatch(() -> {
        });
    }

    /** Runs {@code change} under the lock, dispatches, starts the store reads that are due, then expires what dispatch met. */
    void withLockThenDispatch(Runnable change) {
        List<MessageReference> expired;
        lock.lock();
        try {
            change.run();
            expired = dispatchLocked();
            if (storage != null && !deleted) {
                storage.requestReadsLocked(residentLocked());
            }
            scheduleWakeUpLocked();
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            undeliverable.expire(this, expired);
        }
    }

    /**
     * Pushes due messages, in order, each to the next consumer (round-robin) with credit that selects
     * it; returns the expired ones it met.
     */
    private List<MessageReference> dispatchLocked() {
        List<MessageReference> expired = List.of(); // allocated only when one expires: dispatch runs on every send and ack
        long now = System.currentTimeMillis();
        while (!held.isEmpty() && dueAt(held.first()) <= now) {
            pending.add(held.pollFirst());
        }
        for (Iterator<MessageReference> it = pending.iterator(); it.hasNext() && anyConsumerHasCredit(); ) {
            MessageReference reference = it.next();
            // Jakarta Messaging 3.1, 3.4.9 "JMSExpiration": an expired message should not be delivered.
            if (reference.message().data().isExpired(now)) {
                it.remove();
                releaseLocked(reference);
                if (expired.isEmpty()) {
                    expired = new ArrayList<>();
                }
                expired.add(reference);
                continue;
            }
            String group = MessageGroups.groupOf(reference);
            ServerConsumer consumer = group == null ? nextConsumerFor(reference) : consumerForGroup(group, reference);
            if (consumer == null) {
                continue; // no consumer selects it (3.8), or its group's owner cannot take it now: it stays
            }
            it.remove();
            outstanding++;
            consumer.deliver(reference);
            if (group != null) {
                groups.dispatched(group, reference);
            }
        }
        return expired;
    }

    private boolean anyConsumerHasCredit() {
        for (ServerConsumer consumer : consumers) {
            if (consumer.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    private ServerConsumer nextConsumerFor(MessageReference reference) {
        int size = consumers.size();
        for (int i = 0; i < size; i++) {
            int index = (nextConsumer + i) % size;
            ServerConsumer candidate = consumers.get(index);
            if (candidate.hasCredit() && candidate.selects(reference)) {
                nextConsumer = (index + 1) % size;
                return candidate;
            }
        }
        return null;
    }

    /** The group's owner if it can take the message now; for a new group, the round-robin pick becomes its owner. */
    private ServerConsumer consumerForGroup(String group, MessageReference reference) {
        ServerConsumer owner = groups.ownerOf(group);
        if (owner != null) {
            return owner.hasCredit() && owner.selects(reference) ? owner : null;
        }
        ServerConsumer chosen = nextConsumerFor(reference);
        if (chosen != null) {
            groups.assign(group, chosen);
        }
        return chosen;
    }

    /** The most references that ever waited in this queue's memory at once; for tests. */
    int peakResident() {
        lock.lock();
        try {
            return peakResident;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code read} on the paging state under the queue's lock; for tests. */
    <T> T withPaging(java.util.function.Function<QueuePaging, T> read) {
        lock.lock();
        try {
            return read.apply(storage == null ? null : storage.pagingLocked());
        } finally {
            lock.unlock();
        }
    }

    /** Groups with an owner; for tests. */
    int groupCount() {
        lock.lock();
        try {
            return groups.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes sure dispatch runs when the earliest held message becomes due, and when a store read of
     * delayed messages or an expiry sweep is next due (one due now is started by dispatch itself).
     */
    private void scheduleWakeUpLocked() {
        if (deleted) {
            return;
        }
        long now = System.currentTimeMillis();
        long due = held.isEmpty() ? Long.MAX_VALUE : dueAt(held.first());
        if (earliestExpiration != Long.MAX_VALUE) {
            due = Math.min(due, Math.max(earliestExpiration, now + EXPIRY_SCAN_DELAY_MILLIS));
        }
        if (storage != null) {
            due = Math.min(due, storage.nextWakeUpLocked(now));
        }
        if (due == Long.MAX_VALUE || wakeUpAt != 0 && wakeUpAt <= due) {
            return;
        }
        wakeUpAt = due;
        scheduler.runAt(due, this::wakeUp);
    }

    /** The scheduled wake-up: expired references leave memory, then dispatch runs (held ones may be due). */
    private void wakeUp() {
        List<MessageReference> expired;
        lock.lock();
        try {
            wakeUpAt = 0;
            long now = System.currentTimeMillis();
            expired = earliestExpiration <= now ? takeExpiredLocked(now) : List.of();
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            undeliverable.expire(this, expired);
        }
        dispatch();
    }

    /**
     * JMSDeliveryTime: not delivered (nor browsed) before it (Jakarta Messaging 3.1, 7.9); nor, after it
     * came back, before its redelivery delay has passed.
     */
    private static long dueAt(MessageReference reference) {
        return Math.max(reference.message().data().deliveryTime(), reference.redeliverAt());
    }

    /** The references waiting in this queue, due or held, in delivery order: a browser's snapshot. */
    private List<MessageReference> snapshotLocked() {
        List<MessageReference> all = new ArrayList<>(pending.size() + held.size());
        all.addAll(pending);
        all.addAll(held);
        all.sort(MessageReference.DISPATCH_ORDER);
        return all;
    }

    /**
     * What a browser walks: the in-memory snapshot, then (for a durable queue) what its storage holds:
     * the references beyond the window when the queue is paging ({@code stored}, else null) and the
     * delayed ones waiting in the store ({@code delayed}).
     */
    record BrowseView(List<MessageReference> snapshot, QueueStorage storage, QueuePaging.BrowseStart stored,
                      DelayedDeliveries.BrowseStart delayed) {
    }

    /** The snapshot and the store's browse starts, taken in one step so that they fit together. */
    BrowseView browseView() {
        lock.lock();
        try {
            if (storage == null || deleted) {
                return new BrowseView(snapshotLocked(), null, null, null);
            }
            return new BrowseView(snapshotLocked(), storage, storage.pagingBrowseStartLocked(),
                    storage.delayedBrowseStartLocked());
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reference still waits in this queue (not delivered, not removed). */
    boolean holds(MessageReference reference) {
        lock.lock();
        try {
            return pending.contains(reference) || held.contains(reference);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
