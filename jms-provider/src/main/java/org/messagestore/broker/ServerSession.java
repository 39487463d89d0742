package org.messagestore.broker;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.messagestore.model.BranchXid;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's side of one client session: its outstanding deliveries, in delivery order, and for a
 * transacted session the messages sent in the current transaction. Acknowledge, commit and rollback
 * settle them (the ownership rules are those of {@link org.messagestore.model.BrokerConnection}).
 *
 * <p>While associated with an XA branch ({@link #associate}, by XAResource.start), a non-transacted
 * session collects its sends as a transacted one does and acknowledge does nothing; when the
 * association ends ({@link #dissociate}) the sends and the consumed deliveries move to the branch
 * ({@link XaTransactions}), and the session is a plain session again.
 *
 * <p>Threads: the outstanding deliveries, the pending sends and the consumer list are guarded by
 * {@code this}. Queues add deliveries while holding their own lock, so this class never calls a queue
 * or the store while holding {@code this}. Acknowledge, commit, rollback and close are called by the
 * client's session thread; the client serialises them.
 */
final class ServerSession {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final long id;
    private final boolean transacted;
    private final ServerConnection connection;
    private final BrokerServices services;
    private final LinkedHashMap<Long, OutstandingDelivery> outstanding = new LinkedHashMap<>();
    /**
     * The ids of the outstanding deliveries marked consumed, in that order: an acknowledgement finds
     * them without walking the whole prefetch, which it does after every message in AUTO_ACKNOWLEDGE.
     */
    private final LinkedHashSet<Long> consumedIds = new LinkedHashSet<>();
    private final List<PendingSend> sends = new ArrayList<>();
    private final Map<Long, ServerConsumer> consumers = new LinkedHashMap<>();
    /** The XA branch this session is associated with (XAResource.start until end), or null. */
    private volatile BranchXid xaBranch;
    /** Pipelined sends of the current transaction or branch still waiting for memory (MemoryLimit). */
    private final List<CompletableFuture<Void>> admitting = new ArrayList<>();
    /** Why the current transaction or branch must roll back: a pipelined send of it failed; else null. */
    private Throwable doomedBy;

    /**
     * What a session did inside an XA branch, handed to the branch when the association ends;
     * {@code doomed} when a pipelined send of it failed.
     */
    record XaWork(List<PendingSend> sends, List<OutstandingDelivery> consumed, boolean doomed) {
    }

    ServerSession(long id, boolean transacted, ServerConnection connection, BrokerServices services) {
        this.id = id;
        this.transacted = transacted;
        this.connection = connection;
        this.services = services;
    }

    long id() {
        return id;
    }

    boolean transacted() {
        return transacted;
    }

    ServerConnection connection() {
        return connection;
    }

    /** Whether sends wait for a commit: in a transacted session, or while associated with an XA branch. */
    boolean collectsSends() {
        return transacted || xaBranch != null;
    }

    /** The XA branch the session is associated with, or null. */
    BranchXid xaBranch() {
        return xaBranch;
    }

    /** XAResource.start: from now on sends and consumed messages belong to the branch. */
    void associate(BranchXid xid) {
        xaBranch = xid;
    }

    /**
     * XAResource.end (or the close of an associated session): ends the association and hands over the
     * messages sent and the deliveries consumed since it began. Unconsumed deliveries stay with the
     * session: they were only prefetched.
     */
    synchronized XaWork dissociate() {
        xaBranch = null;
        boolean doomed = takeDoom() != null;
        List<PendingSend> sent = List.copyOf(sends);
        sends.clear();
        List<OutstandingDelivery> done = new ArrayList<>();
        for (Iterator<OutstandingDelivery> it = outstanding.values().iterator(); it.hasNext(); ) {
            OutstandingDelivery delivery = it.next();
            if (delivery.consumed()) {
                done.add(delivery);
                it.remove();
                consumedIds.remove(delivery.deliveryId());
            }
        }
        return new XaWork(sent, done, doomed);
    }

    synchronized void addConsumer(ServerConsumer consumer) {
        consumers.put(consumer.id(), consumer);
    }

    synchronized void removeConsumer(ServerConsumer consumer) {
        consumers.remove(consumer.id(), consumer);
    }

    synchronized int consumerCount() {
        return consumers.size();
    }

    synchronized List<ServerConsumer> consumers() {
        return List.copyOf(consumers.values());
    }

    /** Called by a queue, with its lock held, for every message it pushes to a consumer of this session. */
    synchronized void addOutstanding(OutstandingDelivery delivery) {
        outstanding.put(delivery.deliveryId(), delivery);
    }

    /** Marks a delivery consumed; returns it when it was outstanding and not consumed before, else null. */
    synchronized OutstandingDelivery markConsumed(long deliveryId) {
        OutstandingDelivery delivery = outstanding.get(deliveryId);
        if (delivery == null || delivery.consumed()) {
            return null;
        }
        delivery.markConsumed();
        consumedIds.add(deliveryId);
        return delivery;
    }

    /** Removes and returns, in delivery order, the outstanding deliveries of {@code queue} matching {@code which}. */
    synchronized List<OutstandingDelivery> takeOutstanding(MessageQueue queue, Predicate<OutstandingDelivery> which) {
        List<OutstandingDelivery> taken = new ArrayList<>();
        for (Iterator<OutstandingDelivery> it = outstanding.values().iterator(); it.hasNext(); ) {
            OutstandingDelivery delivery = it.next();
            if (delivery.queue() == queue && which.test(delivery)) {
                taken.add(delivery);
                it.remove();
                consumedIds.remove(delivery.deliveryId());
            }
        }
        return taken;
    }

    synchronized void enlist(PendingSend send) {
        sends.add(send);
    }

    /**
     * A pipelined send of the current transaction or branch: the client goes on without its answer,
     * so if it fails the transaction must not commit without it.
     */
    void pipelined(CompletableFuture<Void> send) {
        if (!send.isDone()) {
            synchronized (this) {
                admitting.add(send);
            }
        }
        send.whenComplete((done, failure) -> {
            if (failure != null) {
                doom(failure);
            }
        });
    }

    private synchronized void doom(Throwable failure) {
        if (doomedBy == null) {
            doomedBy = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        }
    }

    /** Returns and clears why the current transaction is doomed, or null. */
    private synchronized Throwable takeDoom() {
        Throwable doom = doomedBy;
        doomedBy = null;
        return doom;
    }

    /**
     * Waits until every pipelined send of the current transaction has been enlisted or has failed:
     * before it ends, a transaction must hold all the sends the client made in it. A send waiting for
     * memory ends by its block timeout at the latest.
     */
    void awaitPipelined() {
        CompletableFuture<?>[] waiting;
        synchronized (this) {
            waiting = admitting.toArray(CompletableFuture[]::new);
            admitting.clear();
        }
        // A failure is doom()'s to record; join() waits on through interrupts and keeps the flag.
        CompletableFuture.allOf(waiting).exceptionally(failure -> null).join();
    }

    /**
     * Acknowledges every consumed delivery (CLIENT_ACKNOWLEDGE, AUTO/DUPS_OK after each message).
     * Returns when the acknowledgement is durable (DESIGN.md: acknowledgements are as durable as sends).
     */
    void acknowledge() throws JMSException {
        StoreCalls.await(acknowledgeAsync(), "acknowledge messages");
    }

    /**
     * {@link #acknowledge} without blocking: completes once the acknowledgement is durable and the
     * deliveries are settled, or with the store's failure (the deliveries then stay outstanding). The
     * client sends a session's next acknowledgement only after this one is answered.
     */
    CompletableFuture<Void> acknowledgeAsync() {
        if (xaBranch != null) {
            return CompletableFuture.completedFuture(null); // the consumed deliveries go with the XA branch
        }
        List<OutstandingDelivery> done = consumedDeliveries();
        List<StoreOperation> work = removals(done);
        if (work.isEmpty()) {
            settle(done);
            return CompletableFuture.completedFuture(null);
        }
        return StoreCalls.apply(services.store(), work, "acknowledge " + done.size() + " message(s)")
                .thenRun(() -> settle(done));
    }

    /**
     * Lazy acknowledgement: settles every consumed delivery now and removes them from the store; the
     * future completes when the removal is durable. A failed write is only logged: the messages stay
     * stored and come again after a restart, which lazy acknowledgement allows.
     */
    CompletableFuture<Void> acknowledgeLazily() {
        if (xaBranch != null) {
            return CompletableFuture.completedFuture(null);
        }
        List<OutstandingDelivery> done = takeConsumed();
        List<StoreOperation> work = removals(done);
        if (work.isEmpty()) {
            settled(done);
            return CompletableFuture.completedFuture(null);
        }
        return services.store().apply(work).handle((stored, failure) -> {
            if (failure != null) {
                LOG.warn("session {}: a lazy acknowledgement of {} message(s) could not be stored; they will be "
                        + "delivered again after a restart: {}", id, done.size(), failure.toString());
            }
            settled(done);
            return null;
        });
    }

    /**
     * Commits the transaction: its sends become visible and its consumed deliveries are removed, in
     * one atomic store write (Jakarta Messaging 3.1, 6.2.7 "Transactions").
     */
    void commit() throws JMSException {
        awaitPipelined();
        Throwable doom = takeDoom();
        if (doom != null) {
            rollback();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "the transaction was rolled back because a message sent in it failed: " + doom.getMessage());
            if (doom instanceof Exception cause) {
                rolledBack.setLinkedException(cause);
            }
            rolledBack.initCause(doom);
            throw rolledBack;
        }
        List<PendingSend> toSend = takeSends();
        List<OutstandingDelivery> done = consumedDeliveries();
        List<MessageRouter.Routed> routed = toSend.stream().map(s -> services.router().route(s.message(), s.address())).toList();
        List<StoreOperation> work = new ArrayList<>();
        routed.forEach(r -> work.addAll(services.router().storeOperations(r)));
        work.addAll(removals(done));
        routed.forEach(services.router()::storing);
        try {
            StoreCalls.await(services.store(), work, "commit the transaction of session " + id);
        } catch (JMSException e) {
            routed.forEach(services.router()::abandon);
            rollback();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "the transaction was rolled back because the broker could not store it: " + e.getMessage());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        }
        routed.forEach(services.router()::enqueue);
        settle(done);
    }

    /**
     * Rolls back (transacted) or recovers (non-transacted): discards the pending sends and returns every
     * outstanding delivery to its queue at its original position; consumed ones count a redelivery,
     * so they arrive with JMSRedelivered set (Jakarta Messaging 3.1, 6.2.10 "Message acknowledgment"
     * and 6.2.7 "Transactions"), after their queue's redelivery delay, unless they are over its
     * delivery limit and move to its dead-letter queue ({@link RedeliveryPolicy}). Delivery counts and
     * dead-letter moves are stored in one batch.
     */
    void rollback() throws JMSException {
        awaitPipelined();
        takeDoom();
        takeSends();
        List<UndeliverableRouter.Move> moves = new ArrayList<>();
        for (MessageQueue queue : queuesWithOutstanding()) {
            moves.add(queue.takeBack(this, delivery -> true));
        }
        List<StoreOperation> work = moves.stream().flatMap(m -> m.work().stream()).toList();
        try {
            StoreCalls.await(services.store(), work, "record delivery counts and dead-letter moves");
        } catch (JMSException e) {
            moves.forEach(m -> m.afterFailure().run());
            throw e;
        }
        moves.forEach(m -> m.afterStored().run());
    }

    private synchronized List<PendingSend> takeSends() {
        List<PendingSend> taken = List.copyOf(sends);
        sends.clear();
        return taken;
    }

    /** Removes and returns the consumed deliveries: nothing else settles them meanwhile. */
    private synchronized List<OutstandingDelivery> takeConsumed() {
        List<OutstandingDelivery> taken = consumedDeliveries();
        taken.forEach(this::forget);
        return taken;
    }

    /** The consumed deliveries, in the order they were consumed. */
    private synchronized List<OutstandingDelivery> consumedDeliveries() {
        List<OutstandingDelivery> consumed = new ArrayList<>(consumedIds.size());
        consumedIds.forEach(id -> consumed.add(outstanding.get(id)));
        return consumed;
    }

    private void forget(OutstandingDelivery delivery) {
        outstanding.remove(delivery.deliveryId());
        consumedIds.remove(delivery.deliveryId());
    }

    private synchronized Set<MessageQueue> queuesWithOutstanding() {
        Set<MessageQueue> queues = new LinkedHashSet<>();
        outstanding.values().forEach(d -> queues.add(d.queue()));
        return queues;
    }

    private static List<StoreOperation> removals(Collection<OutstandingDelivery> deliveries) {
        List<StoreOperation> removals = new ArrayList<>();
        for (OutstandingDelivery delivery : deliveries) {
            StoreOperation removal = delivery.queue().removal(delivery.reference());
            if (removal != null) {
                removals.add(removal);
            }
        }
        return removals;
    }

    /** Forgets settled deliveries and tells their queues they are gone for good. */
    private void settle(List<OutstandingDelivery> done) {
        synchronized (this) {
            done.forEach(this::forget);
        }
        settled(done);
    }

    /** Tells the queues of deliveries no longer outstanding that they are gone for good. */
    private static void settled(List<OutstandingDelivery> done) {
        Map<MessageQueue, List<MessageReference>> perQueue = new IdentityHashMap<>();
        done.forEach(d -> perQueue.computeIfAbsent(d.queue(), q -> new ArrayList<>()).add(d.reference()));
        perQueue.forEach(MessageQueue::settled);
    }
}
