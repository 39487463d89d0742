package org.messagestore.store;

import java.util.List;
import java.util.Objects;
import org.messagestore.model.BranchXid;

/**
 * An XA branch found prepared (in doubt) at recovery: its Xid, the work it will apply on commit, and
 * when it was prepared (epoch millis; 0 when the store did not record it).
 */
public record PreparedTransaction(BranchXid xid, List<StoreOperation> work, long preparedAt) {

    public PreparedTransaction {
        Objects.requireNonNull(xid, "xid");
        work = List.copyOf(work);
    }

    /** Prepared at a time the store did not record. */
    public PreparedTransaction(BranchXid xid, List<StoreOperation> work) {
        this(xid, work, 0);
    }
}
