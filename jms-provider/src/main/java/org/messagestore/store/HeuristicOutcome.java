package org.messagestore.store;

import java.util.Objects;
import org.messagestore.model.BranchXid;

/**
 * An XA branch that an operator completed by hand while it was in doubt (a heuristic decision, XA
 * specification 2.3.3), kept until its transaction manager is told and forgets it.
 *
 * @param xid       the branch
 * @param committed true when it was committed, false when rolled back
 * @param decidedAt when the operator decided (epoch millis)
 */
public record HeuristicOutcome(BranchXid xid, boolean committed, long decidedAt) {

    public HeuristicOutcome {
        Objects.requireNonNull(xid, "xid");
    }
}
