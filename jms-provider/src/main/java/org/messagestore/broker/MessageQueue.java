package org.messagestore.broker;

import jakarta.jms.InvalidDestinationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.messagestore.model.DestinationName;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/**
 * A queue of message references with its consumers: a queue destination, a temporary queue, or the
 * queue behind a topic subscription. Its job is dispatch: it pushes due messages, in order, to consumers
 * that have credit and takes them back on rollback. Three helpers hold the rest, each guarded by this
 * queue's lock:
 * <ul>
 *   <li>{@link QueueMemory}: what waits in memory, due ({@code pending}, by priority then arrival) or
 *       held (delivery delay, Jakarta Messaging 3.1, 7.9, or a redelivery delay), and its cost against
 *       the broker's {@link MemoryLimit};</li>
 *   <li>{@link StoreHandOver}: for a durable queue, whether each persistent message waits in memory or
 *       in the store ({@link QueueStorage}: paging beyond {@link FlowControl#pagingWindow()}, delayed
 *       messages until due, expired ones removed without being read in);</li>
 *   <li>{@link QueueConsumers}: which consumer takes a message (round-robin, selectors, message groups).</li>
 * </ul>
 *
 * <p>The path of one persistent message sent outside a transaction ({@link MessageRouter#send}):
 * {@link #writeStarted} (the store hand-over notes a write in flight), then, while the store writes,
 * {@link #arrivedEarly} (it enters memory now if there is room, and is dispatched at once), then
 * {@link #writeCompleted} once it is durable; when there was no room, {@link #arrived} instead, which
 * admits it or leaves it in the store to be paged in. Each step is one call into the hand-over and, if
 * admitted, one into memory, followed by dispatch.
 *
 * <p>Threads: all state (the waiting references, consumers and their credit, the round-robin cursor,
 * the outstanding count) is guarded by {@code lock}. Any thread may call in: client threads (send,
 * consumed, pull, rollback), store completion threads (a durable send becoming visible) and the
 * broker's {@link PageReader} thread (store reads handing references over). Dispatch runs on the
 * calling thread with the lock held; it calls only non-blocking {@link org.messagestore.model.DeliverySink}s
 * and {@link ServerSession#addOutstanding}. The lock is never held while calling the store. Lock order:
 * subscription registry, then queue, then session.
 *
 * <p>Delivery delay: a message whose delivery time has not come is held and does not block due
 * messages behind it (a due message may overtake a held one); the broker's {@link DeliveryScheduler}
 * runs dispatch again when the earliest held message becomes due.
 *
 * <p>Redelivery ({@link RedeliveryPolicy}): a consumed message that comes back is held until its
 * redelivery delay has passed, or, over its delivery limit, leaves for the dead-letter queue through
 * {@link UndeliverableRouter}; so do expired messages found by dispatch. Those moves run after the lock
 * is released.
 *
 * <p>Selectors (3.8): dispatch walks the due messages in order and gives each to the next consumer with
 * credit whose selector it matches; a message no consumer selects stays where it is for later
 * consumers, and the walk goes on past it. Priority order (3.4.10), selectors and groups apply to what
 * is in memory: a high-priority message beyond the paging window waits until it is paged in, and a
 * window full of messages no consumer selects holds the rest back (the same relaxation as Artemis
 * paging). Non-persistent messages are always held in memory.
 */
final class MessageQueue implements Address {

    /**
     * How long after an expiration, at the latest, a wake-up takes expired references out of memory when
     * no dispatch met them: the scan walks the whole window, so it runs at most this often.
     */
    private static final long EXPIRY_SCAN_DELAY_MILLIS = 1_000;

    private final DestinationName name;
    private final String description;
    private final QueueId storeQueue;
    private final UndeliverableRouter undeliverable;
    private final RedeliveryPolicy redelivery;
    private final String ownerConnectionId;
    /** For a durable subscription's queue, the subscription as operators name it ({@code clientId:name}); else null. */
    private final String subscription;
    private final DeliveryScheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    /** Where each message waits, in memory or in the store, as its send goes on. */
    private final StoreHandOver store;
    /** What waits in memory, due or held, and what it costs. */
    private final QueueMemory waiting;
    /** When the scheduled wake-up runs, or 0 when none is scheduled. */
    private long wakeUpAt;
    /** Who takes each message: round-robin among those with credit that select it, groups kept together. */
    private final QueueConsumers consumers = new QueueConsumers();
    private int outstanding;
    private boolean deleted;
    private final QueueCounters counters = new QueueCounters();

    /**
     * @param name              the destination this queue serves (the topic, for a subscription)
     * @param description       for error messages, e.g. {@code queue 'orders'}
     * @param storeQueue        where its persistent references are stored, or null when it is not
     *                          durable (temporary queues, non-durable subscriptions)
     * @param ownerConnectionId the creating connection of a temporary queue, else null
     * @param subscription      for a durable subscription, its name as operators see it ({@code clientId:name}), else null
     * @param context           the broker-wide scheduler, undeliverable router, memory limit and pager
     */
    MessageQueue(DestinationName name, String description, QueueId storeQueue, String ownerConnectionId,
                 String subscription, QueueContext context) {
        this.scheduler = context.scheduler();
        this.name = name;
        this.description = description;
        this.storeQueue = storeQueue;
        this.undeliverable = context.undeliverable();
        this.redelivery = undeliverable.redeliveryPolicyFor(name);
        this.ownerConnectionId = ownerConnectionId;
        this.subscription = subscription;
        this.store = new StoreHandOver(storeQueue == null ? null : new QueueStorage(this, lock, storeQueue, context));
        this.waiting = new QueueMemory(context.memory(), store);
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

    /** The durable subscription this queue serves, as operators name it; null for any other queue. */
    String subscription() {
        return subscription;
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
                    store.reentered(reference);
                    waiting.admit(reference, now);
                }
            }
        });
    }

    /**
     * A persistent message is about to be written to the store for this queue; its {@link #arrived}
     * or {@link #writeFailed} follows. Lets the storage know a write is in flight (see {@link QueuePaging}).
     */
    void writeStarted(BrokerMessage message) {
        if (store.keeps(message)) {
            lock.lock();
            try {
                store.writeStarted(message);
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
            if (takenInEarly != null) {
                counters.notAdded(1);
                waiting.releaseIfWaiting(takenInEarly);
            }
            store.writeFailed(message);
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
                admitted[0] = store.admitsEarly(message, waiting.resident());
                if (admitted[0]) {
                    counters.added(1);
                    waiting.admit(reference, System.currentTimeMillis());
                }
            }
        });
        return admitted[0];
    }

    /** The store write of a message {@link #arrivedEarly} took in is durable. */
    void writeCompleted(BrokerMessage message) {
        if (store.keeps(message)) {
            lock.lock();
            try {
                store.writeCompleted(message);
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
            if (!deleted) {
                counters.added(1);
            }
            boolean inMemory = store.admitsOnArrival(reference, waiting.resident());
            if (inMemory && !deleted) {
                waiting.admit(reference, System.currentTimeMillis());
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
            store.recovered(lockedByPrepared);
        } finally {
            lock.unlock();
        }
        store.storage().pageIn();
    }

    /** A reference read from the store enters memory (called by {@link QueueStorage} with the lock held). */
    void admitLocked(MessageReference reference, long now) {
        waiting.admit(reference, now);
    }

    int residentLocked() {
        return waiting.resident();
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
            consumers.remove(consumer);
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
                    counters.redelivered(1);
                    reference.countRedelivery();
                    if (!deleted && redelivery.exhausted(reference.deliveryCount(), this)) {
                        exhausted.add(reference);
                        waiting.release(reference);
                        continue;
                    }
                    reference.holdUntil(now + redelivery.redeliveryDelayMillis());
                    if (store.keeps(reference.message())) {
                        countUpdates.add(new StoreOperation.UpdateDeliveryCount(storeQueue,
                                reference.message().storeId(), reference.deliveryCount(), reference.redeliverAt()));
                    }
                } else {
                    unconsumedByConsumer.merge(delivery.consumer(), 1, Integer::sum);
                }
                if (deleted) {
                    waiting.release(reference);
                } else {
                    waiting.putBack(reference, now);
                }
            }
            unconsumedByConsumer.forEach(ServerConsumer::takenBack);
            outstanding -= taken.size();
        });
        UndeliverableRouter.Move move = exhausted.isEmpty() ? UndeliverableRouter.Move.NONE
                : undeliverable.deadLetter(this, exhausted);
        return move.plus(countUpdates);
    }

    /**
     * Messages a branch found prepared at start had locked, released by its rollback: as consumed
     * deliveries taken back, each counts a redelivery, then returns held for the redelivery delay or,
     * over the delivery limit, leaves for the dead-letter queue. Nothing changes until the caller has
     * stored the returned work and runs {@code afterStored}; after {@code afterFailure} they stay locked.
     */
    UndeliverableRouter.Move releaseLocked(List<MessageReference> references) {
        long now = System.currentTimeMillis();
        List<StoreOperation> countUpdates = new ArrayList<>();
        List<MessageReference> returning = new ArrayList<>();
        List<MessageReference> exhausted = new ArrayList<>();
        counters.redelivered(references.size());
        for (MessageReference reference : references) {
            reference.countRedelivery();
            if (redelivery.exhausted(reference.deliveryCount(), this)) {
                exhausted.add(reference);
                continue;
            }
            reference.holdUntil(now + redelivery.redeliveryDelayMillis());
            countUpdates.add(new StoreOperation.UpdateDeliveryCount(storeQueue, reference.message().storeId(),
                    reference.deliveryCount(), reference.redeliverAt()));
            returning.add(reference);
        }
        UndeliverableRouter.Move deadLetters = exhausted.isEmpty() ? UndeliverableRouter.Move.NONE
                : undeliverable.deadLetter(this, exhausted, false);
        List<StoreOperation> work = new ArrayList<>(deadLetters.work());
        work.addAll(countUpdates);
        return new UndeliverableRouter.Move(work, () -> {
            enqueue(returning);
            deadLetters.afterStored().run();
        }, deadLetters.afterFailure());
    }

    /**
     * An operator's purge or move ({@link OperatorSweep}) takes out of memory up to {@code max} waiting
     * references, due or held, that {@code which} selects (evaluated with the lock held); delivered ones
     * are not waiting and stay with their consumers. Dispatch and store reads run afterwards, so paging
     * refills the window for consumers.
     */
    List<MessageReference> takeWaiting(Predicate<MessageReference> which, int max) {
        List<MessageReference> taken = new ArrayList<>();
        withLockThenDispatch(() -> {
            if (!deleted) {
                taken.addAll(waiting.takeMatching(which, max));
            }
        });
        return taken;
    }

    /** How many references waiting in memory {@code which} selects. */
    long countWaiting(Predicate<MessageReference> which) {
        lock.lock();
        try {
            return waiting.snapshot().stream().filter(which).count();
        } finally {
            lock.unlock();
        }
    }

    /** The stored part of a durable queue, or null for a queue that is not durable. */
    QueueStorage storage() {
        return store.storage();
    }

    /** Acknowledged or committed deliveries have left the queue for good. */
    void settled(List<MessageReference> references) {
        counters.acknowledged(references.size());
        lock.lock();
        try {
            outstanding -= references.size();
            references.forEach(waiting::release);
        } finally {
            lock.unlock();
        }
    }

    /** What went through this queue and what it holds (see {@link QueueCounters}). */
    QueueCounters counters() {
        return counters;
    }

    /** A snapshot for operators; {@code kind} and {@code topic} are the caller's, which knows what the queue serves. */
    QueueStatistics statistics(String queueName, QueueStatistics.Kind kind, String topic) {
        int inFlight;
        int inMemory;
        int consumerCount;
        long memoryBytes;
        long headTimestamp;
        lock.lock();
        try {
            inFlight = outstanding;
            inMemory = waiting.resident();
            consumerCount = consumers.size();
            memoryBytes = waiting.bytes();
            headTimestamp = waiting.headTimestamp();
        } finally {
            lock.unlock();
        }
        return new QueueStatistics(queueName, kind, topic, counters.depth(), inFlight, inMemory, consumerCount,
                counters.added(), counters.delivered(), counters.acknowledged(), counters.redelivered(),
                counters.expired(), counters.deadLettered(), memoryBytes, headTimestamp);
    }

    /** The store record to delete when a reference of this queue is acknowledged, or null. */
    StoreOperation removal(MessageReference reference) {
        return store.keeps(reference.message())
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
            return waiting.resident();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the queue unless a consumer is attached; returns whether it was deleted. */
    boolean deleteIfNoConsumers() {
        lock.lock();
        try {
            if (consumers.size() > 0) {
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
        store.clear();
        waiting.clear();
        consumers.removeAll();
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
            if (!deleted) {
                store.requestReads(waiting.resident());
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
        for (Iterator<MessageReference> it = waiting.due(now); it.hasNext() && consumers.anyHasCredit(); ) {
            MessageReference reference = it.next();
            // Jakarta Messaging 3.1, 3.4.9 "JMSExpiration": an expired message should not be delivered.
            if (reference.message().data().isExpired(now)) {
                it.remove();
                waiting.release(reference);
                if (expired.isEmpty()) {
                    expired = new ArrayList<>();
                }
                expired.add(reference);
                continue;
            }
            ServerConsumer consumer = consumers.chooseFor(reference);
            if (consumer == null) {
                continue; // no consumer selects it (3.8), or its group's owner cannot take it now: it stays
            }
            it.remove();
            outstanding++;
            counters.countDelivery();
            consumers.deliver(consumer, reference);
        }
        return expired;
    }

    /** The most references that ever waited in this queue's memory at once; for tests. */
    int peakResident() {
        lock.lock();
        try {
            return waiting.peakResident();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code read} on the paging state under the queue's lock; for tests. */
    <T> T withPaging(java.util.function.Function<QueuePaging, T> read) {
        lock.lock();
        try {
            return read.apply(store.storage() == null ? null : store.storage().pagingLocked());
        } finally {
            lock.unlock();
        }
    }

    /** Groups with an owner; for tests. */
    int groupCount() {
        lock.lock();
        try {
            return consumers.groupCount();
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
        long due = waiting.nextDue();
        if (waiting.earliestExpiration() != Long.MAX_VALUE) {
            due = Math.min(due, Math.max(waiting.earliestExpiration(), now + EXPIRY_SCAN_DELAY_MILLIS));
        }
        due = Math.min(due, store.nextWakeUp(now));
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
            expired = waiting.earliestExpiration() <= now ? waiting.takeExpired(now) : List.of();
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            undeliverable.expire(this, expired);
        }
        dispatch();
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
            QueueStorage storage = store.storage();
            if (storage == null || deleted) {
                return new BrowseView(waiting.snapshot(), null, null, null);
            }
            return new BrowseView(waiting.snapshot(), storage, storage.pagingBrowseStartLocked(),
                    storage.delayedBrowseStartLocked());
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reference still waits in this queue (not delivered, not removed). */
    boolean holds(MessageReference reference) {
        lock.lock();
        try {
            return waiting.contains(reference);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
