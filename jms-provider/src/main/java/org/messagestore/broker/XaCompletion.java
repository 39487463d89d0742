package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.transaction.xa.XAException;
import org.messagestore.model.MessageData;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.MessageStore;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What preparing, committing and rolling back an XA branch does to the store and to the queues.
 * DESIGN.md, Decisions, XA: "prepare writes a durable prepared record; recover returns in-doubt Xids
 * after a restart; one-phase commit is supported; heuristics are reported, never invented".
 *
 * <ul>
 *   <li>Prepare routes the branch's sends and writes ONE {@link StoreOperation.PrepareTransaction}
 *       holding every stored send and every acknowledgement (reference removal) of the branch.</li>
 *   <li>Commit applies it ({@link StoreOperation.CommitPrepared}), then the sends arrive at their
 *       queues and the consumed messages leave them; one-phase commit writes the same work as one
 *       plain batch, as a local transaction commit does.</li>
 *   <li>Rollback drops the sends and returns the consumed messages to their queues as redelivered
 *       (delivery count + 1), as a local rollback does (Jakarta Messaging 3.1, 6.2.7 "Transactions").</li>
 *   <li>A branch found prepared at start holds only its stored work: its commit makes the stored sends
 *       arrive at their queues; its rollback releases the messages it had locked (StoreRecovery keeps
 *       them out of their queues until then), with their delivery count raised by one.</li>
 * </ul>
 *
 * <p>Threads: called by {@link XaTransactions} on the client thread of the verb, with no lock held;
 * every method blocks until its store write is durable.
 */
final class XaCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(XaCompletion.class);
    /** References read per page while looking for the messages a recovered branch had locked. */
    private static final int SCAN_PAGE = 500;

    /** A prepared branch of this broker run: its routed sends, its consumed deliveries, and when (epoch millis). */
    record Prepared(List<MessageRouter.Routed> routed, List<OutstandingDelivery> consumed, long preparedAt) {
    }

    private final MessageStore store;
    private final MessageRouter router;
    private final PageReader pager;
    private final DestinationRegistry destinations;
    private final SubscriptionRegistry subscriptions;

    XaCompletion(MessageStore store, MessageRouter router, PageReader pager, DestinationRegistry destinations,
                 SubscriptionRegistry subscriptions) {
        this.store = store;
        this.router = router;
        this.pager = pager;
        this.destinations = destinations;
        this.subscriptions = subscriptions;
    }

    /** Phase one: one durable prepared record with the whole work of the branch. */
    Prepared prepare(XaBranch branch) throws XAException {
        List<MessageRouter.Routed> routed = route(branch.sends());
        List<StoreOperation> work = work(routed, branch.consumed());
        long preparedAt = System.currentTimeMillis();
        write(List.of(new StoreOperation.PrepareTransaction(branch.xid(), work, preparedAt)), "prepare " + branch);
        return new Prepared(routed, List.copyOf(branch.consumed()), preparedAt);
    }

    /**
     * Phase two of a prepared branch, of this run or found at start, with {@code also} (an operator's
     * heuristic record) in the same batch. On a store failure the branch stays prepared.
     */
    void commitPrepared(XaBranch branch, List<StoreOperation> also) throws XAException {
        if (branch.recovered() != null) {
            commitRecovered(branch, also);
            return;
        }
        Prepared prepared = branch.prepared();
        prepared.routed().forEach(router::storing);
        try {
            write(with(new StoreOperation.CommitPrepared(branch.xid()), also), "commit " + branch);
        } catch (XAException e) {
            prepared.routed().forEach(router::abandon);
            throw e;
        }
        prepared.routed().forEach(router::enqueue);
        settle(prepared.consumed());
    }

    /**
     * One-phase commit of an ended, unprepared branch: one atomic batch. If the store refuses it, the
     * branch is rolled back and XA_RBROLLBACK reports that outcome.
     */
    void commitOnePhase(XaBranch branch) throws XAException {
        List<MessageRouter.Routed> routed = route(branch.sends());
        List<StoreOperation> work = work(routed, branch.consumed());
        routed.forEach(router::storing);
        try {
            if (!work.isEmpty()) {
                write(work, "commit " + branch + " in one phase");
            }
        } catch (XAException e) {
            routed.forEach(router::abandon);
            returnConsumed(branch.consumed());
            XAException rolledBack = XaErrors.rolledBack(branch + " was rolled back: " + e.getMessage());
            rolledBack.initCause(e);
            throw rolledBack;
        }
        routed.forEach(router::enqueue);
        settle(branch.consumed());
    }

    /** Rolls back a branch, prepared or not. On a store failure a prepared branch stays prepared. */
    void rollback(XaBranch branch) throws XAException {
        rollback(branch, List.of());
    }

    /** As {@link #rollback(XaBranch)}, with {@code also} in the same batch when the branch is prepared. */
    void rollback(XaBranch branch, List<StoreOperation> also) throws XAException {
        if (branch.recovered() != null) {
            rollbackRecovered(branch, also);
        } else if (branch.prepared() != null) {
            write(with(new StoreOperation.RollbackPrepared(branch.xid()), also), "roll back " + branch);
            returnConsumed(branch.prepared().consumed());
        } else {
            returnConsumed(branch.consumed());
        }
    }

    /**
     * Rolls back an unprepared branch without waiting (the broker's own timeout, on its scheduler
     * thread): its consumed messages come back at once; the future completes when their new delivery
     * counts are stored.
     */
    CompletableFuture<Void> rollbackUnprepared(XaBranch branch) {
        return returnConsumedAsync(branch.consumed());
    }

    /** Commits a branch found prepared at start: its stored sends arrive at the queues that are in memory. */
    private void commitRecovered(XaBranch branch, List<StoreOperation> also) throws XAException {
        List<MessageRouter.Routed> routed = recoveredSends(branch.recovered());
        routed.forEach(router::storing);
        try {
            write(with(new StoreOperation.CommitPrepared(branch.xid()), also), "commit recovered " + branch);
        } catch (XAException e) {
            routed.forEach(router::abandon);
            throw e;
        }
        routed.forEach(router::enqueue);
        // The messages it had locked are acknowledged now; they were counted in their queues at start.
        locked(branch.recovered()).forEach((queueId, ids) -> {
            MessageQueue queue = findQueue(queueId);
            if (queue != null) {
                queue.counters().acknowledged(ids.size());
            }
        });
    }

    /**
     * Rolls back a branch found prepared at start: the messages it would have acknowledged are read back
     * from the store and come back as a rolled-back delivery does ({@link MessageQueue#releaseLocked}:
     * delivery count, redelivery delay, dead-letter limit), in the same batch as the rollback.
     */
    private void rollbackRecovered(XaBranch branch, List<StoreOperation> also) throws XAException {
        List<UndeliverableRouter.Move> releases = new ArrayList<>();
        List<StoreOperation> work = with(new StoreOperation.RollbackPrepared(branch.xid()), also);
        locked(branch.recovered()).forEach((queueId, ids) -> {
            MessageQueue queue = findQueue(queueId);
            if (queue == null) {
                return; // the queue is gone, and its references with it
            }
            List<MessageReference> references = readStored(queueId, ids).stream().map(MessageReference::stored).toList();
            UndeliverableRouter.Move release = queue.releaseLocked(references);
            work.addAll(release.work());
            releases.add(release);
        });
        try {
            write(work, "roll back recovered " + branch);
        } catch (XAException e) {
            releases.forEach(release -> release.afterFailure().run());
            throw e;
        }
        releases.forEach(release -> release.afterStored().run());
    }

    /** Drops the stored heuristic outcome of a branch its transaction manager has forgotten. */
    void forget(XaBranch branch) throws XAException {
        write(List.of(new StoreOperation.ForgetHeuristic(branch.xid())), "forget " + branch);
    }

    /** What an operator sees of a prepared or heuristically completed branch. */
    PreparedBranch describe(XaBranch branch) {
        HeuristicOutcome heuristic = branch.heuristic();
        PreparedBranch.State state = heuristic == null ? PreparedBranch.State.PREPARED
                : heuristic.committed() ? PreparedBranch.State.HEURISTICALLY_COMMITTED
                : PreparedBranch.State.HEURISTICALLY_ROLLED_BACK;
        Instant preparedAt = branch.preparedAt() == 0 ? null : Instant.ofEpochMilli(branch.preparedAt());
        Instant decidedAt = heuristic == null ? null : Instant.ofEpochMilli(heuristic.decidedAt());
        Set<String> destinations = new TreeSet<>();
        int sent = 0;
        int acknowledged = 0;
        if (branch.prepared() != null) {
            for (MessageRouter.Routed routed : branch.prepared().routed()) {
                sent++;
                routed.targets().forEach(queue -> destinations.add(DivertedCopy.uri(queue.name())));
            }
            for (OutstandingDelivery delivery : branch.prepared().consumed()) {
                acknowledged++;
                destinations.add(DivertedCopy.uri(delivery.queue().name()));
            }
        } else if (branch.recovered() != null) {
            for (StoreOperation op : branch.recovered().work()) {
                if (op instanceof StoreOperation.AddMessage) {
                    sent++;
                } else if (op instanceof StoreOperation.AddReference reference) {
                    destinations.add(describe(reference.queue()));
                } else if (op instanceof StoreOperation.RemoveReference removal) {
                    acknowledged++;
                    destinations.add(describe(removal.queue()));
                }
            }
        }
        return new PreparedBranch(branch.xid(), state, preparedAt, decidedAt, destinations, sent, acknowledged);
    }

    private String describe(QueueId queueId) {
        MessageQueue queue = findQueue(queueId);
        return queue == null ? queueId.value() : DivertedCopy.uri(queue.name());
    }

    // ---- helpers

    private static List<StoreOperation> with(StoreOperation first, List<StoreOperation> also) {
        List<StoreOperation> work = new ArrayList<>(1 + also.size());
        work.add(first);
        work.addAll(also);
        return work;
    }

    private List<MessageRouter.Routed> route(List<PendingSend> sends) {
        return sends.stream().map(s -> router.route(s.message(), s.address())).toList();
    }

    private List<StoreOperation> work(List<MessageRouter.Routed> routed, List<OutstandingDelivery> consumed) {
        List<StoreOperation> work = new ArrayList<>();
        routed.forEach(r -> work.addAll(router.storeOperations(r)));
        for (OutstandingDelivery delivery : consumed) {
            StoreOperation removal = delivery.queue().removal(delivery.reference());
            if (removal != null) {
                work.add(removal);
            }
        }
        return work;
    }

    private void write(List<StoreOperation> work, String what) throws XAException {
        try {
            StoreCalls.await(store, work, what);
        } catch (JMSException e) {
            throw XaErrors.storeFailed(e.getMessage(), e);
        }
    }

    /** Consumed deliveries of a committed branch have left their queues for good. */
    private static void settle(List<OutstandingDelivery> consumed) {
        Map<MessageQueue, List<MessageReference>> perQueue = new IdentityHashMap<>();
        consumed.forEach(d -> perQueue.computeIfAbsent(d.queue(), q -> new ArrayList<>()).add(d.reference()));
        perQueue.forEach(MessageQueue::settled);
    }

    /** Consumed deliveries of a rolled-back branch return to their queues, with their new delivery counts stored. */
    private void returnConsumed(List<OutstandingDelivery> consumed) {
        returnConsumedAsync(consumed).join(); // never fails: a failed write is logged
    }

    private CompletableFuture<Void> returnConsumedAsync(List<OutstandingDelivery> consumed) {
        Map<MessageQueue, List<OutstandingDelivery>> perQueue = new LinkedHashMap<>();
        consumed.forEach(d -> perQueue.computeIfAbsent(d.queue(), q -> new ArrayList<>()).add(d));
        List<UndeliverableRouter.Move> moves = new ArrayList<>();
        perQueue.forEach((queue, deliveries) -> moves.add(queue.takeBack(deliveries)));
        List<StoreOperation> work = moves.stream().flatMap(m -> m.work().stream()).toList();
        if (work.isEmpty()) {
            moves.forEach(m -> m.afterStored().run());
            return CompletableFuture.completedFuture(null);
        }
        return store.apply(work).handle((stored, failure) -> {
            if (failure != null) {
                // The rollback itself has happened; only the raised delivery counts may be lost in a crash.
                LOG.warn("rolled back an XA branch, but could not store the new delivery counts: {}", failure.toString());
                moves.forEach(m -> m.afterFailure().run());
            } else {
                moves.forEach(m -> m.afterStored().run());
            }
            return null;
        });
    }

    /** The sends stored in a recovered branch, as messages routed to the durable queues in memory. */
    private List<MessageRouter.Routed> recoveredSends(PreparedTransaction transaction) {
        Map<Long, MessageData> bodies = new HashMap<>();
        Map<Long, List<MessageQueue>> targets = new LinkedHashMap<>();
        for (StoreOperation op : transaction.work()) {
            if (op instanceof StoreOperation.AddMessage add) {
                bodies.put(add.messageId(), add.message());
            } else if (op instanceof StoreOperation.AddReference reference) {
                MessageQueue queue = findQueue(reference.queue());
                if (queue != null) {
                    targets.computeIfAbsent(reference.messageId(), id -> new ArrayList<>()).add(queue);
                }
            }
        }
        List<MessageRouter.Routed> routed = new ArrayList<>();
        targets.forEach((id, queues) -> {
            MessageData data = bodies.get(id);
            if (data != null) {
                routed.add(new MessageRouter.Routed(new BrokerMessage(id, data, null, null), queues));
            }
        });
        return routed;
    }

    /** Message ids per stored queue that a recovered branch would acknowledge. */
    private static Map<QueueId, Set<Long>> locked(PreparedTransaction transaction) {
        Map<QueueId, Set<Long>> locked = new LinkedHashMap<>();
        for (StoreOperation op : transaction.work()) {
            if (op instanceof StoreOperation.RemoveReference removal) {
                locked.computeIfAbsent(removal.queue(), q -> new HashSet<>()).add(removal.messageId());
            }
        }
        return locked;
    }

    /** Reads the stored references of {@code ids} in one queue, scanning it page by page. */
    private List<StoredReference> readStored(QueueId queue, Set<Long> ids) {
        List<StoredReference> found = new ArrayList<>();
        long after = MessageStore.FROM_START;
        while (found.size() < ids.size()) {
            List<StoredReference> page = pager.read(queue, after, SCAN_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredReference stored : page) {
                after = Math.max(after, stored.position());
                if (ids.contains(stored.messageId())) {
                    found.add(stored);
                }
            }
        }
        return found;
    }

    private MessageQueue findQueue(QueueId id) {
        MessageQueue queue = destinations.findStored(id);
        return queue != null ? queue : subscriptions.findDurable(id);
    }
}
