package org.messagestore.store.memory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.messagestore.model.BranchXid;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.MessageStore;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddDestination;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.AddSubscription;
import org.messagestore.store.StoreOperation.CommitPrepared;
import org.messagestore.store.StoreOperation.ForgetHeuristic;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.messagestore.store.StoreOperation.RecordHeuristic;
import org.messagestore.store.StoreOperation.RemoveDestination;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoreOperation.RemoveSubscription;
import org.messagestore.store.StoreOperation.RollbackPrepared;
import org.messagestore.store.StoreOperation.UpdateDeliveryCount;
import org.messagestore.store.StoredReference;

/**
 * A {@link MessageStore} in the JVM heap: the store used when no other {@link org.messagestore.store.StoreProvider}
 * is on the classpath, and in tests. Its content survives a broker restart on the same instance but
 * not the JVM.
 *
 * <p>Positions ({@link StoredReference#position()}) come from one store-wide counter, so they grow
 * within every queue and are never reused while the instance lives. Cursors read the live state a
 * page at a time (no snapshot), which meets {@link MessageStore#openCursor}'s contract: a removed
 * reference is never returned after its removal.
 *
 * <p>Threads: it has none. All state is guarded by {@code this}; {@link #apply} runs on the caller's
 * thread and returns an already completed future; cursor pages run on the caller's thread.
 */
public final class InMemoryStore implements MessageStore {

    private final Map<Long, MessageData> messages = new HashMap<>();
    private final Map<Long, Integer> referenceCounts = new HashMap<>();
    private final Set<DestinationName> destinations = new LinkedHashSet<>();
    private final Map<QueueId, DurableSubscriptionRecord> subscriptions = new LinkedHashMap<>();
    /** Per stored queue: its references by position. */
    private final Map<QueueId, QueueReferences> references = new HashMap<>();
    private final Map<BranchXid, PrepareTransaction> prepared = new LinkedHashMap<>();
    private final Map<BranchXid, HeuristicOutcome> heuristics = new LinkedHashMap<>();
    private long highestMessageId;
    private long nextPosition;
    private boolean closed;

    @Override
    public synchronized RecoveredState recover() {
        ensureOpen();
        List<PreparedTransaction> inDoubt = new ArrayList<>();
        prepared.forEach((xid, prepare) -> inDoubt.add(new PreparedTransaction(xid, prepare.work(), prepare.preparedAt())));
        return new RecoveredState(List.copyOf(destinations), List.copyOf(subscriptions.values()), inDoubt,
                List.copyOf(heuristics.values()), highestMessageId);
    }

    @Override
    public synchronized ReferenceCursor openCursor(QueueId queue, long afterPosition) {
        ensureOpen();
        return new LiveCursor(queue, afterPosition);
    }

    @Override
    public synchronized long countReferences(QueueId queue) {
        ensureOpen();
        QueueReferences refs = references.get(queue);
        return refs == null ? 0 : refs.byPosition.size();
    }

    /** Up to {@code max} references of {@code queue} after {@code afterPosition}, as stored now. */
    private synchronized List<StoredReference> page(QueueId queue, long afterPosition, int max) {
        ensureOpen();
        QueueReferences refs = references.get(queue);
        if (refs == null || max <= 0) {
            return List.of();
        }
        List<StoredReference> page = new ArrayList<>(Math.min(max, 1024));
        for (var entry : refs.byPosition.tailMap(afterPosition, false).entrySet()) {
            if (page.size() == max) {
                break;
            }
            Reference ref = entry.getValue();
            page.add(new StoredReference(entry.getKey(), ref.messageId, messages.get(ref.messageId), ref.deliveryCount,
                    ref.redeliverAt));
        }
        return page;
    }

    @Override
    public synchronized ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after,
                                                         long upTo, int max) {
        ensureOpen();
        QueueReferences refs = references.get(queue);
        List<StoredReference> page = new ArrayList<>();
        if (refs == null) {
            return new ScheduleIndex.Page(page, Long.MAX_VALUE);
        }
        for (ScheduleIndex.Key key : refs.schedule(index).tailSet(after, false)) {
            if (key.time() > upTo || page.size() >= max) {
                return new ScheduleIndex.Page(page, key.time());
            }
            Reference ref = refs.byPosition.get(key.position());
            page.add(new StoredReference(key.position(), ref.messageId, messages.get(ref.messageId), ref.deliveryCount,
                    ref.redeliverAt));
        }
        return new ScheduleIndex.Page(page, Long.MAX_VALUE);
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        try {
            synchronized (this) {
                ensureOpen();
                validate(operations);
                Set<Long> added = new HashSet<>();
                operations.forEach(op -> applyOne(op, added));
                // A message nobody references is garbage (see AddMessage's contract).
                added.stream().filter(id -> referenceCounts.getOrDefault(id, 0) == 0).forEach(messages::remove);
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Rejects a batch that cannot be applied in full, before any of it is applied (atomicity). */
    private void validate(List<StoreOperation> operations) {
        Set<Long> addedHere = new HashSet<>();
        Set<BranchXid> preparedHere = new HashSet<>();
        Set<BranchXid> resolvedHere = new HashSet<>();
        for (StoreOperation op : operations) {
            if (op instanceof AddMessage add) {
                addedHere.add(add.messageId());
            } else if (op instanceof AddReference ref && !addedHere.contains(ref.messageId()) && !messages.containsKey(ref.messageId())) {
                throw new IllegalArgumentException("reference to unknown message " + ref.messageId() + " in " + ref.queue());
            } else if (op instanceof PrepareTransaction prepare) {
                preparedHere.add(prepare.xid());
            } else if (op instanceof CommitPrepared commit) {
                requirePrepared(commit.xid(), preparedHere, resolvedHere);
            } else if (op instanceof RollbackPrepared rollback) {
                requirePrepared(rollback.xid(), preparedHere, resolvedHere);
            }
        }
    }

    /** A branch is resolved once, and only when prepared (before this batch, or earlier in it). */
    private void requirePrepared(BranchXid xid, Set<BranchXid> preparedHere, Set<BranchXid> resolvedHere) {
        if (!resolvedHere.add(xid) || !prepared.containsKey(xid) && !preparedHere.contains(xid)) {
            throw new IllegalArgumentException("no prepared transaction " + xid);
        }
    }

    private void applyOne(StoreOperation op, Set<Long> added) {
        if (op instanceof AddMessage add) {
            messages.put(add.messageId(), add.message());
            highestMessageId = Math.max(highestMessageId, add.messageId());
            added.add(add.messageId());
        } else if (op instanceof AddReference ref) {
            if (references.computeIfAbsent(ref.queue(), q -> new QueueReferences())
                    .add(nextPosition, ref.messageId(), messages.get(ref.messageId()))) {
                nextPosition++;
                referenceCounts.merge(ref.messageId(), 1, Integer::sum);
            }
        } else if (op instanceof RemoveReference ref) {
            removeReference(ref.queue(), ref.messageId());
        } else if (op instanceof UpdateDeliveryCount update) {
            var queue = references.get(update.queue());
            if (queue != null) {
                queue.updateDeliveryCount(update.messageId(), update.deliveryCount(), update.redeliverAt());
            }
        } else if (op instanceof AddDestination add) {
            destinations.add(add.destination());
        } else if (op instanceof RemoveDestination remove) {
            destinations.remove(remove.destination());
            if (remove.destination().kind() == DestinationName.Kind.QUEUE) {
                dropQueue(QueueId.ofQueue(remove.destination().name()));
            }
        } else if (op instanceof AddSubscription add) {
            subscriptions.put(add.subscription().queueId(), add.subscription());
        } else if (op instanceof RemoveSubscription remove) {
            subscriptions.remove(remove.subscription().queueId());
            dropQueue(remove.subscription().queueId());
        } else if (op instanceof PrepareTransaction prepare) {
            prepared.put(prepare.xid(), prepare);
            // Its message ids are taken: a broker restarted on this store must not hand them out again.
            prepare.work().forEach(work -> {
                if (work instanceof AddMessage add) {
                    highestMessageId = Math.max(highestMessageId, add.messageId());
                }
            });
        } else if (op instanceof CommitPrepared commit) {
            prepared.remove(commit.xid()).work().forEach(work -> applyOne(work, added));
        } else if (op instanceof RollbackPrepared rollback) {
            prepared.remove(rollback.xid());
        } else if (op instanceof RecordHeuristic record) {
            heuristics.put(record.outcome().xid(), record.outcome());
        } else if (op instanceof ForgetHeuristic forget) {
            heuristics.remove(forget.xid());
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

    private void dropQueue(QueueId queue) {
        var refs = references.remove(queue);
        if (refs != null) {
            refs.byPosition.values().forEach(ref -> release(ref.messageId));
        }
    }

    private void removeReference(QueueId queue, long messageId) {
        var refs = references.get(queue);
        if (refs != null && refs.remove(messageId, messages.get(messageId))) {
            release(messageId);
        }
    }

    private void release(long messageId) {
        if (referenceCounts.merge(messageId, -1, Integer::sum) <= 0) {
            referenceCounts.remove(messageId);
            messages.remove(messageId);
        }
    }

    /** How many message bodies are stored (each once, however many queues reference it). */
    public synchronized int storedMessageCount() {
        return messages.size();
    }

    @Override
    public boolean survivesRestart() {
        return false;
    }

    @Override
    public String description() {
        return "in-memory store";
    }

    /** Closes the store; later calls fail. Nothing to release. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory store is closed");
        }
    }

    /** One reference of a queue; mutable delivery count and redelivery time, guarded by the store. */
    private static final class Reference {
        final long messageId;
        int deliveryCount;
        long redeliverAt;

        Reference(long messageId) {
            this.messageId = messageId;
        }
    }

    /** The references of one stored queue by position, with an index by message id and the schedule indexes. */
    private static final class QueueReferences {
        final TreeMap<Long, Reference> byPosition = new TreeMap<>();
        final Map<Long, Long> positionOf = new HashMap<>();
        final Map<ScheduleIndex, TreeSet<ScheduleIndex.Key>> schedules = new EnumMap<>(ScheduleIndex.class);

        /** Adds a reference at {@code position} unless the queue holds the message already. */
        boolean add(long position, long messageId, MessageData message) {
            if (positionOf.putIfAbsent(messageId, position) != null) {
                return false;
            }
            byPosition.put(position, new Reference(messageId));
            for (ScheduleIndex index : ScheduleIndex.values()) {
                if (index.holds(message)) {
                    schedule(index).add(new ScheduleIndex.Key(index.timeOf(message), position));
                }
            }
            return true;
        }

        /** Removes the reference to {@code message}, and its index entries. */
        boolean remove(long messageId, MessageData message) {
            Long position = positionOf.remove(messageId);
            if (position == null || byPosition.remove(position) == null) {
                return false;
            }
            for (ScheduleIndex index : ScheduleIndex.values()) {
                if (index.holds(message)) {
                    schedule(index).remove(new ScheduleIndex.Key(index.timeOf(message), position));
                }
            }
            return true;
        }

        TreeSet<ScheduleIndex.Key> schedule(ScheduleIndex index) {
            return schedules.computeIfAbsent(index, i -> new TreeSet<>());
        }

        void updateDeliveryCount(long messageId, int deliveryCount, long redeliverAt) {
            Long position = positionOf.get(messageId);
            if (position != null) {
                Reference reference = byPosition.get(position);
                reference.deliveryCount = deliveryCount;
                reference.redeliverAt = redeliverAt;
            }
        }
    }

    /** Reads the live queue a page at a time, resuming after the last position it returned. */
    private final class LiveCursor implements ReferenceCursor {
        private final QueueId queue;
        private long after;

        LiveCursor(QueueId queue, long after) {
            this.queue = queue;
            this.after = after;
        }

        @Override
        public List<StoredReference> next(int max) {
            List<StoredReference> page = page(queue, after, max);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).position();
            }
            return page;
        }

        @Override
        public void close() {
        }
    }
}
