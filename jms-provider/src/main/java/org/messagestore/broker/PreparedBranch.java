package org.messagestore.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.messagestore.model.BranchXid;

/**
 * An XA branch in doubt, as an operator sees it through {@link PreparedBranches}: prepared and waiting
 * for its transaction manager, or completed by an operator and waiting for the transaction manager to
 * hear of it.
 *
 * @param xid                  the branch
 * @param state                where it stands
 * @param preparedAt           when it was prepared; null when not known (prepared by a broker version
 *                             that did not record it, or completed heuristically before a restart)
 * @param decidedAt            when an operator completed it; null while {@link State#PREPARED}
 * @param destinations         where its messages go or come from, {@code queue://orders} or
 *                             {@code topic://prices}; empty when not known (after a heuristic decision
 *                             and a restart)
 * @param messagesSent         messages it sends when committed
 * @param messagesAcknowledged messages it consumes when committed (locked until it is completed)
 */
public record PreparedBranch(BranchXid xid, State state, Instant preparedAt, Instant decidedAt, Set<String> destinations,
                             int messagesSent, int messagesAcknowledged) {

    public enum State {
        /** Prepared; its sends are invisible and its consumed messages locked until it is completed. */
        PREPARED,
        /** Committed by an operator; a transaction manager asking later hears XA_HEURCOM. */
        HEURISTICALLY_COMMITTED,
        /** Rolled back by an operator; a transaction manager asking later hears XA_HEURRB. */
        HEURISTICALLY_ROLLED_BACK
    }

    public PreparedBranch {
        Objects.requireNonNull(xid, "xid");
        Objects.requireNonNull(state, "state");
        destinations = Set.copyOf(destinations);
    }

    /** How long it has been prepared at {@code now}; null when its prepare time is not known. */
    public Duration age(Instant now) {
        return preparedAt == null ? null : Duration.between(preparedAt, now);
    }
}
