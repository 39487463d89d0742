package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.messagestore.model.BranchXid;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;

/**
 * One XA transaction branch the broker takes part in: the sessions working on it, the work they did
 * (messages sent, messages consumed) and where it stands. XA states (XA specification, chapter 6
 * "State Tables", transaction branch states): <em>active</em> while a session is associated,
 * <em>idle</em> once every association ended or was suspended, <em>prepared</em> after a
 * successful prepare; a branch found prepared in the store at start ({@link #recovered()}) has only
 * its stored work. A prepared branch an operator completed by hand stays, {@link #heuristic()}, until
 * its transaction manager has heard of it and forgets it. An unprepared branch older than the broker's
 * timeout is rolled back by the broker ({@link #timedOut()}).
 *
 * <p>Threads: every field is guarded by the owning {@link XaTransactions}' lock; store I/O for the
 * branch runs outside it while {@link #busy} keeps other verbs off.
 */
final class XaBranch {

    private final BranchXid xid;
    private final PreparedTransaction recovered;
    /** System.nanoTime() at start, for the unprepared-branch timeout. */
    private final long startedAt = System.nanoTime();
    private final Set<ServerSession> associated = new HashSet<>();
    private final Set<ServerSession> suspended = new HashSet<>();
    private final List<PendingSend> sends = new ArrayList<>();
    private final List<OutstandingDelivery> consumed = new ArrayList<>();
    private XaCompletion.Prepared prepared;
    private long preparedAt;
    private HeuristicOutcome heuristic;
    private boolean rollbackOnly;
    private boolean timedOut;
    private boolean busy;

    private XaBranch(BranchXid xid, PreparedTransaction recovered) {
        this.xid = xid;
        this.recovered = recovered;
    }

    static XaBranch started(BranchXid xid) {
        return new XaBranch(xid, null);
    }

    static XaBranch recovered(PreparedTransaction transaction) {
        XaBranch branch = new XaBranch(transaction.xid(), transaction);
        branch.preparedAt = transaction.preparedAt();
        return branch;
    }

    /** A branch an operator completed before a restart, waiting for its transaction manager to forget it. */
    static XaBranch heuristic(HeuristicOutcome outcome) {
        XaBranch branch = new XaBranch(outcome.xid(), null);
        branch.heuristic = outcome;
        return branch;
    }

    BranchXid xid() {
        return xid;
    }

    /** The stored prepared work of a branch found at start, or null for a branch of this broker run. */
    PreparedTransaction recovered() {
        return recovered;
    }

    /** Prepared and not completed: in doubt. */
    boolean isPrepared() {
        return heuristic == null && (recovered != null || prepared != null);
    }

    /** Prepared, or completed by an operator and not yet forgotten: what recover lists. */
    boolean inDoubt() {
        return isPrepared() || heuristic != null;
    }

    long startedAt() {
        return startedAt;
    }

    /** When it was prepared (epoch millis), 0 when not prepared or not known. */
    long preparedAt() {
        return preparedAt;
    }

    /** The operator's decision on this branch, or null. */
    HeuristicOutcome heuristic() {
        return heuristic;
    }

    void completedHeuristically(HeuristicOutcome outcome) {
        heuristic = outcome;
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Over the timeout while a session is still associated: rolled back when that session ends it. */
    void timeOut() {
        timedOut = true;
        rollbackOnly = true;
    }

    boolean isActive() {
        return !associated.isEmpty();
    }

    Set<ServerSession> associated() {
        return associated;
    }

    Set<ServerSession> suspended() {
        return suspended;
    }

    /** Takes over the work a session did while associated. */
    void add(ServerSession.XaWork work) {
        sends.addAll(work.sends());
        consumed.addAll(work.consumed());
        if (work.doomed()) {
            rollbackOnly = true;
        }
    }

    List<PendingSend> sends() {
        return sends;
    }

    List<OutstandingDelivery> consumed() {
        return consumed;
    }

    boolean hasWork() {
        return !sends.isEmpty() || !consumed.isEmpty();
    }

    XaCompletion.Prepared prepared() {
        return prepared;
    }

    void prepared(XaCompletion.Prepared value) {
        prepared = value;
        preparedAt = value.preparedAt();
    }

    boolean rollbackOnly() {
        return rollbackOnly;
    }

    void markRollbackOnly() {
        rollbackOnly = true;
    }

    boolean busy() {
        return busy;
    }

    void busy(boolean value) {
        busy = value;
    }

    @Override
    public String toString() {
        return "branch " + xid;
    }
}
