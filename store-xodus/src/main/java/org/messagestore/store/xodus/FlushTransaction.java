package org.messagestore.store.xodus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.QueueId;
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

/**
 * The work of one flush: the batches the writer drained, applied in order to one exclusive Xodus
 * transaction, with adds held in {@link PendingAdds} until {@link #writePending} so that an add and
 * its removal in the same flush cancel. Committing is the writer's job.
 *
 * <p>Threads: created and used by one thread flushing, from begin to commit (Xodus transactions belong
 * to one thread; see {@link GroupCommitWriter}).
 */
final class FlushTransaction {

    private static final ByteIterable EMPTY = Keys.bytes(new byte[0]);
    private static final ByteIterable HIGHEST_KEY = Keys.bytes(XodusStores.HIGHEST_MESSAGE_ID.getBytes(StandardCharsets.UTF_8));

    private final Transaction txn;
    private final RecordedWrites writes;
    private final XodusStores stores;
    private final QueueDirectory queues;
    private final StoreStatistics statistics;
    private final PendingAdds pending = new PendingAdds();
    private final ScheduleIndexWriter schedule;
    private final long highestAtStart;
    private long highestMessageId;

    FlushTransaction(Transaction txn, XodusStores stores, QueueDirectory queues, StoreStatistics statistics, long highestMessageId) {
        this.txn = txn;
        this.writes = new RecordedWrites(txn, stores, ChangeJournal.DIRECT_BYTES);
        this.stores = stores;
        this.queues = queues;
        this.statistics = statistics;
        this.schedule = new ScheduleIndexWriter(writes, stores, statistics);
        this.highestAtStart = highestMessageId;
        this.highestMessageId = highestMessageId;
    }

    /**
     * Applies one batch, all of it, or none of it when it is invalid; returns the reason it was
     * rejected, or null. A Xodus failure is thrown: the whole flush transaction is then void.
     */
    String apply(EncodedBatch batch) {
        String problem = new BatchValidator(txn, stores, pending).problem(batch.operations());
        if (problem != null) {
            return problem;
        }
        List<Long> added = new ArrayList<>();
        for (StoreOperation op : batch.operations()) {
            applyOne(op, batch, added);
        }
        // A message nobody references is garbage (StoreOperation.AddMessage's contract).
        added.forEach(pending::dropIfUnreferenced);
        return null;
    }

    /** Writes the adds that survived the flush, and the highest message id; the caller commits. */
    void writePending() {
        pending.messages().forEach((id, message) -> {
            MessageRecords.write(writes, stores, statistics, id, message.encoded);
            if (message.references > 1) {
                put(stores.referenceCounts(), Keys.messageKey(id), Keys.intValue(message.references));
            }
        });
        for (PendingAdds.Reference ref : pending.references()) {
            put(stores.references(), Keys.referenceKey(ref.queueNumber, ref.sequence), Keys.referenceValue(ref.messageId, ref.deliveryCount, ref.redeliverAt));
            put(stores.referenceIndex(), Keys.indexKey(ref.queueNumber, ref.messageId), ref.times.indexValue(ref.sequence));
            schedule.add(ref.queueNumber, ref.sequence, ref.times);
        }
        if (highestMessageId > highestAtStart) {
            put(stores.meta(), HIGHEST_KEY, Keys.longValue(highestMessageId));
        }
    }

    /** What this flush wrote, for the {@link ChangeJournal}. */
    RecordedWrites writes() {
        return writes;
    }

    long highestMessageId() {
        return highestMessageId;
    }

    private void applyOne(StoreOperation op, EncodedBatch batch, List<Long> added) {
        if (op instanceof AddMessage add) {
            pending.addMessage(add.messageId(), batch.encoded(add), ScheduledTimes.of(add.message()));
            highestMessageId = Math.max(highestMessageId, add.messageId());
            added.add(add.messageId());
        } else if (op instanceof AddReference ref) {
            addReference(ref.queue(), ref.messageId());
        } else if (op instanceof RemoveReference ref) {
            removeReference(ref.queue(), ref.messageId());
        } else if (op instanceof UpdateDeliveryCount update) {
            updateDeliveryCount(update);
        } else if (op instanceof AddDestination add) {
            put(stores.destinations(), Keys.destinationKey(add.destination()), EMPTY);
        } else if (op instanceof RemoveDestination remove) {
            delete(stores.destinations(), Keys.destinationKey(remove.destination()));
            if (remove.destination().kind() == DestinationName.Kind.QUEUE) {
                dropQueue(QueueId.ofQueue(remove.destination().name()));
            }
        } else if (op instanceof AddSubscription add) {
            put(stores.subscriptions(), Keys.queueKey(add.subscription().queueId()), Keys.bytes(OperationCodec.encodeSubscription(add.subscription())));
        } else if (op instanceof RemoveSubscription remove) {
            delete(stores.subscriptions(), Keys.queueKey(remove.subscription().queueId()));
            dropQueue(remove.subscription().queueId());
        } else if (op instanceof PrepareTransaction prepare) {
            put(stores.prepared(), Keys.bytes(OperationCodec.encodeXid(prepare.xid())), Keys.bytes(batch.encoded(prepare)));
            prepare.work().forEach(w -> {
                if (w instanceof AddMessage add) {
                    highestMessageId = Math.max(highestMessageId, add.messageId());
                }
            });
        } else if (op instanceof CommitPrepared commit) {
            ByteIterable key = Keys.bytes(OperationCodec.encodeXid(commit.xid()));
            ByteIterable work = stores.prepared().get(txn, key);
            delete(stores.prepared(), key);
            for (StoreOperation w : OperationCodec.decodePrepared(commit.xid(), work.getBytesUnsafe(), work.getLength()).work()) {
                applyOne(w, batch, added);
            }
        } else if (op instanceof RollbackPrepared rollback) {
            delete(stores.prepared(), Keys.bytes(OperationCodec.encodeXid(rollback.xid())));
        } else if (op instanceof RecordHeuristic record) {
            put(stores.prepared(), Keys.bytes(OperationCodec.encodeXid(record.outcome().xid())),
                    Keys.bytes(OperationCodec.encodeHeuristic(record.outcome())));
        } else if (op instanceof ForgetHeuristic forget) {
            delete(stores.prepared(), Keys.bytes(OperationCodec.encodeXid(forget.xid())));
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

    private void addReference(QueueId queue, long messageId) {
        if (pending.reference(queue, messageId) != null) {
            return; // already referenced in this flush; a queue holds a message once
        }
        int number = queues.numberFor(writes, queue);
        PendingAdds.Message added = pending.message(messageId);
        if (added != null) {
            // Added in this flush (the send path): no reference to it can be on disk yet.
            pending.addReference(queue, new PendingAdds.Reference(number, queues.takeSequence(txn, number), messageId, added.times));
            return;
        }
        ByteIterable indexKey = Keys.indexKey(number, messageId);
        if (stores.referenceIndex().get(txn, indexKey) != null) {
            return;
        }
        long sequence = queues.takeSequence(txn, number);
        ScheduledTimes times = storedTimes(messageId);
        put(stores.references(), Keys.referenceKey(number, sequence), Keys.referenceValue(messageId, 0, 0));
        put(stores.referenceIndex(), indexKey, times.indexValue(sequence));
        schedule.add(number, sequence, times);
        retain(messageId);
    }

    /**
     * The schedule times of a message stored by an earlier flush. Reading the message is acceptable
     * here: the broker adds a message and its references in one batch, so only rarer work (a move
     * to a dead-letter queue, a prepared reference to a message sent earlier) lands on this path.
     */
    private ScheduledTimes storedTimes(long messageId) {
        MessageData message = MessageRecords.read(txn, stores, messageId);
        return message == null ? ScheduledTimes.NONE : ScheduledTimes.of(message);
    }

    private void removeReference(QueueId queue, long messageId) {
        if (pending.reference(queue, messageId) != null) {
            statistics.elidedReferences.increment();
            if (pending.cancelReference(queue, messageId)) {
                statistics.elidedMessages.increment();
            }
            return;
        }
        int number = queues.existing(txn, queue);
        if (number < 0) {
            return;
        }
        ByteIterable indexKey = Keys.indexKey(number, messageId);
        ByteIterable indexed = stores.referenceIndex().get(txn, indexKey);
        if (indexed != null) {
            long sequence = Keys.readLong(indexed, 0);
            ScheduledTimes times = ScheduledTimes.fromIndexValue(indexed);
            delete(stores.references(), Keys.referenceKey(number, sequence));
            delete(stores.referenceIndex(), indexKey);
            schedule.remove(number, sequence, times);
            release(messageId);
        }
    }

    private void updateDeliveryCount(UpdateDeliveryCount update) {
        PendingAdds.Reference ref = pending.reference(update.queue(), update.messageId());
        if (ref != null) {
            ref.deliveryCount = update.deliveryCount();
            ref.redeliverAt = update.redeliverAt();
            return;
        }
        int number = queues.existing(txn, update.queue());
        if (number < 0) {
            return;
        }
        ByteIterable sequence = stores.referenceIndex().get(txn, Keys.indexKey(number, update.messageId()));
        if (sequence != null) {
            put(stores.references(), Keys.referenceKey(number, Keys.readLong(sequence, 0)),
                    Keys.referenceValue(update.messageId(), update.deliveryCount(), update.redeliverAt()));
        }
    }

    /** Removes every reference of a stored queue: pending ones in memory, stored ones on disk. */
    private void dropQueue(QueueId queue) {
        for (PendingAdds.ReferenceKey key : pending.referencesOf(queue)) {
            removeReference(key.queue(), key.messageId());
        }
        int number = queues.existing(txn, queue);
        if (number < 0) {
            return;
        }
        List<Long> released = new ArrayList<>();
        try (Cursor cursor = stores.references().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(Keys.referenceKey(number, 0)) != null;
            while (found && Keys.readInt(cursor.getKey(), 0) == number) {
                released.add(Keys.readLong(cursor.getValue(), 0));
                writes.deleteCurrent(stores.references(), cursor);
                statistics.keysDeleted.increment();
                found = cursor.getNext();
            }
        }
        for (long messageId : released) {
            delete(stores.referenceIndex(), Keys.indexKey(number, messageId));
            release(messageId);
        }
        schedule.dropQueue(number);
    }

    /** One more stored reference to a stored message. Absent count = 1 (package-info). */
    private void retain(long messageId) {
        ByteIterable key = Keys.messageKey(messageId);
        ByteIterable count = stores.referenceCounts().get(txn, key);
        put(stores.referenceCounts(), key, Keys.intValue(count == null ? 2 : Keys.readInt(count, 0) + 1));
    }

    /** One stored reference fewer; deletes the message with its last one. */
    private void release(long messageId) {
        ByteIterable key = Keys.messageKey(messageId);
        ByteIterable stored = stores.referenceCounts().get(txn, key);
        // Counts are stored only above 1 (package-info), so an absent count is the last reference.
        int count = stored == null ? 1 : Keys.readInt(stored, 0);
        if (count <= 1) {
            MessageRecords.delete(writes, stores, statistics, messageId);
        } else if (count == 2) {
            delete(stores.referenceCounts(), key);
        } else {
            put(stores.referenceCounts(), key, Keys.intValue(count - 1));
        }
    }

    private void put(Store store, ByteIterable key, ByteIterable value) {
        writes.put(store, key, value);
        statistics.keysPut.increment();
    }

    private void delete(Store store, ByteIterable key) {
        if (writes.delete(store, key)) {
            statistics.keysDeleted.increment();
        }
    }
}
