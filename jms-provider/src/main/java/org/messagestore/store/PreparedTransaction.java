package org.messagestore.store;

import java.util.List;
import java.util.Objects;
import org.messagestore.model.BranchXid;

/** An XA branch found prepared (in doubt) at recovery: its Xid and the work it will apply on commit. */
public record PreparedTransaction(BranchXid xid, List<StoreOperation> work) {

    public PreparedTransaction {
        Objects.requireNonNull(xid, "xid");
        work = List.copyOf(work);
    }
}
