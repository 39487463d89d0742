package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.List;
import javax.transaction.xa.XAException;
import org.messagestore.model.BranchXid;

/**
 * The operator's view of in-doubt XA work ({@link Broker#preparedBranches()}): every branch that is
 * prepared and waiting for its transaction manager, and every branch an operator completed that the
 * transaction manager has not yet forgotten. A branch stuck in doubt (its coordinator gone for good)
 * is settled here by hand.
 *
 * <p>{@link #commit} and {@link #rollback} are heuristic decisions (XA specification 2.3.3): they are
 * logged at WARN as such, stored with their effect, listed by the broker's XAResource.recover, and
 * answered with XA_HEURCOM or XA_HEURRB when the transaction manager later commits or rolls the branch
 * back, until it calls forget. Decide only when the coordinator cannot: a decision against the
 * coordinator's leaves the global transaction half committed.
 *
 * <p>Threads: any thread; commit and rollback block until their store write is durable.
 */
public final class PreparedBranches {

    private final XaTransactions transactions;

    PreparedBranches(XaTransactions transactions) {
        this.transactions = transactions;
    }

    /** The in-doubt branches, in the order the broker learnt of them. */
    public List<PreparedBranch> list() {
        return transactions.preparedBranches();
    }

    /** Commits a prepared branch by hand: its messages are sent and its consumed messages acknowledged. */
    public PreparedBranch commit(BranchXid xid) throws JMSException {
        return complete(xid, true);
    }

    /** Rolls back a prepared branch by hand: its sends are dropped and its consumed messages come back. */
    public PreparedBranch rollback(BranchXid xid) throws JMSException {
        return complete(xid, false);
    }

    private PreparedBranch complete(BranchXid xid, boolean commit) throws JMSException {
        try {
            return transactions.completeHeuristically(xid, commit);
        } catch (XAException e) {
            JMSException failure = e.errorCode == XAException.XAER_RMFAIL
                    ? new JMSException(e.getMessage())
                    : new IllegalStateException(e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
