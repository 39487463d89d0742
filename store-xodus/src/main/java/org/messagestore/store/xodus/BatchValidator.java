package org.messagestore.store.xodus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;
import org.messagestore.model.BranchXid;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.CommitPrepared;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.messagestore.store.StoreOperation.RollbackPrepared;

/**
 * Checks, before any of a batch is applied, that all of it can be (MessageStore.apply: "nothing of
 * the batch applied" when it cannot): references name a known message, and commits and rollbacks
 * name a prepared transaction. The same rules as the in-memory store.
 *
 * <p>Threads: used by the thread flushing, inside its flush transaction (see {@link GroupCommitWriter}).
 */
final class BatchValidator {

    private final Transaction txn;
    private final XodusStores stores;
    private final PendingAdds pending;
    private final Set<Long> addedInBatch = new HashSet<>();
    private final Map<BranchXid, List<StoreOperation>> preparedInBatch = new HashMap<>();
    private final Set<BranchXid> resolvedInBatch = new HashSet<>();

    BatchValidator(Transaction txn, XodusStores stores, PendingAdds pending) {
        this.txn = txn;
        this.stores = stores;
        this.pending = pending;
    }

    /** The reason the batch cannot be applied, or null when it can. */
    String problem(List<StoreOperation> operations) {
        for (StoreOperation op : operations) {
            String problem = check(op);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String check(StoreOperation op) {
        if (op instanceof AddMessage add) {
            addedInBatch.add(add.messageId());
        } else if (op instanceof AddReference ref && !messageKnown(ref.messageId())) {
            return "reference to unknown message " + ref.messageId() + " in " + ref.queue().value();
        } else if (op instanceof PrepareTransaction prepare) {
            preparedInBatch.put(prepare.xid(), prepare.work());
            resolvedInBatch.remove(prepare.xid());
        } else if (op instanceof CommitPrepared commit) {
            List<StoreOperation> work = preparedWork(commit.xid());
            if (work == null) {
                return "no prepared transaction " + commit.xid();
            }
            resolvedInBatch.add(commit.xid());
            return problem(work);
        } else if (op instanceof RollbackPrepared rollback) {
            if (preparedWork(rollback.xid()) == null) {
                return "no prepared transaction " + rollback.xid();
            }
            resolvedInBatch.add(rollback.xid());
        }
        return null;
    }

    private boolean messageKnown(long messageId) {
        return addedInBatch.contains(messageId)
                || pending.message(messageId) != null
                || stores.messages().get(txn, Keys.messageKey(messageId)) != null;
    }

    private List<StoreOperation> preparedWork(BranchXid xid) {
        if (resolvedInBatch.contains(xid)) {
            return null;
        }
        List<StoreOperation> work = preparedInBatch.get(xid);
        if (work != null) {
            return work;
        }
        ByteIterable stored = stores.prepared().get(txn, Keys.bytes(OperationCodec.encodeXid(xid)));
        if (stored == null || OperationCodec.isHeuristic(stored.getBytesUnsafe(), stored.getLength())) {
            return null;
        }
        return OperationCodec.decodePrepared(xid, stored.getBytesUnsafe(), stored.getLength()).work();
    }
}
