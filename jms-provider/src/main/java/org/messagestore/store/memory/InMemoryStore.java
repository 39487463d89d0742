package org.messagestore.store.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.messagestore.protocol.DestinationName;
import org.messagestore.protocol.MessageData;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddDestination;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.AddSubscription;
import org.messagestore.store.StoreOperation.CommitPrepared;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.messagestore.store.StoreOperation.RemoveDestination;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoreOperation.RemoveSubscription;
import org.messagestore.store.StoreOperation.RollbackPrepared;
import org.messagestore.store.StoreOperation.UpdateDeliveryCount;
import org.messagestore.store.StoredReference;
import org.messagestore.store.StoreXid;

/**
 * A {@link MessageStore} in the JVM heap: the store used when no {@link org.messagestore.store.StoreProvider}
 * is on the classpath, and in tests. Its content survives a broker restart on the same instance but
 * not the JVM.
 *
 * <p>Threads: it has none. All state is guarded by {@code this}; {@link #apply} runs on the caller's
 * thread and returns an already completed future.
 */
public final class InMemoryStore implements MessageStore {

    private final Map<Long, MessageData> messages = new HashMap<>();
    private final Map<Long, Integer> referenceCounts = new HashMap<>();
    private final Set<DestinationName> destinations = new LinkedHashSet<>();
    private final Map<QueueId, DurableSubscriptionRecord> subscriptions = new LinkedHashMap<>();
    /** Per stored queue: message id → delivery count, in the order the references were added. */
    private final Map<QueueId, LinkedHashMap<Long, Integer>> references = new HashMap<>();
    private final Map<StoreXid, List<StoreOperation>> prepared = new LinkedHashMap<>();
    private long highestMessageId;
    private boolean closed;

    @Override
    public synchronized RecoveredState recover() {
        ensureOpen();
        List<PreparedTransaction> inDoubt = new ArrayList<>();
        prepared.forEach((xid, work) -> inDoubt.add(new PreparedTransaction(xid, work)));
        return new RecoveredState(List.copyOf(destinations), List.copyOf(subscriptions.values()), inDoubt, highestMessageId);
    }

    @Override
    public synchronized ReferenceCursor openCursor(QueueId queue) {
        ensureOpen();
        List<StoredReference> snapshot = new ArrayList<>();
        references.getOrDefault(queue, new LinkedHashMap<>())
                .forEach((id, count) -> snapshot.add(new StoredReference(id, messages.get(id), count)));
        return new ListCursor(snapshot);
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
        Set<Long> known = new HashSet<>(messages.keySet());
        for (StoreOperation op : operations) {
            if (op instanceof AddMessage add) {
                known.add(add.messageId());
            } else if (op instanceof AddReference ref && !known.contains(ref.messageId())) {
                throw new IllegalArgumentException("reference to unknown message " + ref.messageId() + " in " + ref.queue());
            } else if (op instanceof CommitPrepared commit) {
                requirePrepared(commit.xid());
            } else if (op instanceof RollbackPrepared rollback) {
                requirePrepared(rollback.xid());
            }
        }
    }

    private void requirePrepared(StoreXid xid) {
        if (!prepared.containsKey(xid)) {
            throw new IllegalArgumentException("no prepared transaction " + xid);
        }
    }

    private void applyOne(StoreOperation op, Set<Long> added) {
        if (op instanceof AddMessage add) {
            messages.put(add.messageId(), add.message());
            highestMessageId = Math.max(highestMessageId, add.messageId());
            added.add(add.messageId());
        } else if (op instanceof AddReference ref) {
            if (references.computeIfAbsent(ref.queue(), q -> new LinkedHashMap<>()).putIfAbsent(ref.messageId(), 0) == null) {
                referenceCounts.merge(ref.messageId(), 1, Integer::sum);
            }
        } else if (op instanceof RemoveReference ref) {
            removeReference(ref.queue(), ref.messageId());
        } else if (op instanceof UpdateDeliveryCount update) {
            var queue = references.get(update.queue());
            if (queue != null) {
                queue.computeIfPresent(update.messageId(), (id, old) -> update.deliveryCount());
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
            prepared.put(prepare.xid(), prepare.work());
        } else if (op instanceof CommitPrepared commit) {
            prepared.remove(commit.xid()).forEach(work -> applyOne(work, added));
        } else if (op instanceof RollbackPrepared rollback) {
            prepared.remove(rollback.xid());
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

    private void dropQueue(QueueId queue) {
        var refs = references.remove(queue);
        if (refs != null) {
            refs.keySet().forEach(this::release);
        }
    }

    private void removeReference(QueueId queue, long messageId) {
        var refs = references.get(queue);
        if (refs != null && refs.remove(messageId) != null) {
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

    /** A cursor over a snapshot taken when it was opened. */
    private static final class ListCursor implements ReferenceCursor {
        private final List<StoredReference> references;
        private int position;

        ListCursor(List<StoredReference> references) {
            this.references = references;
        }

        @Override
        public List<StoredReference> next(int max) {
            int end = Math.min(references.size(), position + max);
            List<StoredReference> page = List.copyOf(references.subList(position, end));
            position = end;
            return page;
        }

        @Override
        public void close() {
        }
    }
}
