package org.messagestore.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.model.BranchXid;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's global transaction table: every XA branch it takes part in, keyed by Xid, whichever
 * session or connection started it. A branch may be ended on one session and prepared, committed or
 * rolled back from another connection, as a transaction manager does during recovery (XA
 * specification, chapter 3 "xa_recover"; JTA 1.3, 3.4 "XAResource"). It checks each verb against the
 * branch's state (XA specification, chapter 6 "State Tables") and leaves the effects to {@link XaCompletion}.
 *
 * <p>Error codes: XAER_NOTA for an unknown Xid, XAER_DUPID for a second start of a known one,
 * XAER_PROTO for a verb the state does not allow (a prepare while a session is still associated, a
 * two-phase commit of an unprepared branch, ...), XAER_INVAL for bad flags, XA_RBROLLBACK when the
 * branch was rolled back instead (marked rollback-only by end(TMFAIL) or a failed pipelined send,
 * or its prepare could not be stored), XA_RBTIMEOUT when the broker rolled it back because it was not
 * prepared within the timeout, XAER_RMFAIL when the store failed and the branch is as before.
 *
 * <p>Heuristics: the broker never completes a prepared branch on its own; only an operator does,
 * through {@link #completeHeuristically}. That decision is stored with the branch's completion and
 * reported to the transaction manager (commit or rollback answer XA_HEURCOM or XA_HEURRB, recover lists
 * the branch) until it calls forget (XA specification 2.3.3).
 *
 * <p>Timeout: an unprepared branch older than {@link ResourceLimits#unpreparedBranchTimeout()} is
 * rolled back, so a client that vanished without its connection closing (a pooled connection whose
 * transaction manager lost the branch) cannot keep messages locked forever. An idle branch is rolled
 * back at once; one with an associated session when that session ends it. A sweep on the broker's
 * scheduler looks every {@link #sweepMillis} while unprepared branches exist.
 *
 * <p>Closing a session ends its association as end(TMSUCCESS) would: its work stays with the branch
 * for the transaction manager to complete. Closing a connection rolls back the unprepared branches that
 * only its sessions worked on (no transaction manager could complete them through it any more), so
 * their consumed messages do not stay locked until the broker restarts.
 *
 * <p>Threads: verbs come from client threads, the timeout sweep from the scheduler thread (where it
 * never blocks). The table and every branch's state are guarded by {@code this}; store writes run
 * outside it while the branch is marked busy.
 */
final class XaTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(XaTransactions.class);

    /** Xids the broker rolled back on timeout, remembered so later verbs hear XA_RBTIMEOUT; oldest dropped first. */
    private static final int TIMED_OUT_REMEMBERED = 10_000;

    private final XaCompletion completion;
    private final DeliveryScheduler scheduler;
    private final long timeoutNanos;
    private final long sweepMillis;
    private final Map<BranchXid, XaBranch> branches = new LinkedHashMap<>();
    /** Connections whose sessions worked on each unprepared branch (for rollback when they all closed). */
    private final Map<BranchXid, Set<ServerConnection>> workers = new LinkedHashMap<>();
    private final Set<BranchXid> timedOut = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BranchXid, Boolean> eldest) {
            return size() > TIMED_OUT_REMEMBERED;
        }
    });
    private boolean sweepScheduled;

    XaTransactions(XaCompletion completion, DeliveryScheduler scheduler, Duration unpreparedBranchTimeout) {
        this.completion = completion;
        this.scheduler = scheduler;
        this.timeoutNanos = unpreparedBranchTimeout.toNanos();
        this.sweepMillis = Math.max(50, Math.min(1_000, unpreparedBranchTimeout.toMillis() / 4));
    }

    /**
     * At start: the branches the store holds prepared, now in doubt until a transaction manager decides,
     * and those an operator completed that no transaction manager has forgotten yet.
     */
    synchronized void recovered(List<PreparedTransaction> inDoubt, List<HeuristicOutcome> heuristics) {
        inDoubt.forEach(tx -> branches.put(tx.xid(), XaBranch.recovered(tx)));
        heuristics.forEach(outcome -> branches.put(outcome.xid(), XaBranch.heuristic(outcome)));
    }

    /** The branches found prepared at start that are not resolved yet. */
    synchronized List<PreparedTransaction> inDoubt() {
        return branches.values().stream().map(XaBranch::recovered).filter(tx -> tx != null).toList();
    }

    // ---- association: start and end

    synchronized void start(ServerSession session, BranchXid xid, int flags) throws XAException {
        if (session.transacted()) {
            throw XaErrors.protocol("a locally transacted session cannot take part in an XA branch");
        }
        if (session.xaBranch() != null) {
            throw XaErrors.protocol("the session is still associated with " + session.xaBranch() + "; end it first");
        }
        XaBranch branch;
        switch (flags) {
            case XAResource.TMNOFLAGS -> {
                if (branches.containsKey(xid)) {
                    throw XaErrors.of(XAException.XAER_DUPID, "transaction branch " + xid + " already exists; use TMJOIN to join it");
                }
                timedOut.remove(xid);
                branch = XaBranch.started(xid);
                branches.put(xid, branch);
                scheduleSweep();
            }
            case XAResource.TMJOIN -> {
                branch = existing(xid);
                requireUnprepared(branch, "join");
                if (branch.timedOut()) {
                    throw timedOutError(xid);
                }
                if (branch.rollbackOnly()) {
                    throw XaErrors.rolledBack("branch " + xid + " is marked rollback-only");
                }
            }
            case XAResource.TMRESUME -> {
                branch = existing(xid);
                requireUnprepared(branch, "resume");
                if (branch.timedOut()) {
                    throw timedOutError(xid);
                }
                if (!branch.suspended().remove(session)) {
                    throw XaErrors.protocol("this session did not suspend " + branch + ", so it cannot resume it");
                }
            }
            default -> throw XaErrors.of(XAException.XAER_INVAL,
                    "start takes TMNOFLAGS, TMJOIN or TMRESUME, not flags 0x" + Integer.toHexString(flags));
        }
        branch.associated().add(session);
        session.associate(xid);
        workers.computeIfAbsent(xid, x -> new HashSet<>()).add(session.connection());
    }

    void end(ServerSession session, BranchXid xid, int flags) throws XAException {
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw XaErrors.of(XAException.XAER_INVAL,
                    "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not flags 0x" + Integer.toHexString(flags));
        }
        XaBranch branch;
        boolean rollBackNow;
        synchronized (this) {
            branch = existing(xid);
            boolean active = branch.associated().contains(session);
            if (!active && (flags == XAResource.TMSUSPEND || !branch.suspended().contains(session))) {
                throw XaErrors.protocol("this session is not " + (flags == XAResource.TMSUSPEND ? "associated with " : "working on ")
                        + branch);
            }
            if (active) {
                branch.associated().remove(session);
                branch.add(session.dissociate());
            } else {
                branch.suspended().remove(session); // ending a suspended association (XA 6, "xa_end")
            }
            if (!branch.timedOut()) {
                if (flags == XAResource.TMSUSPEND) {
                    branch.suspended().add(session);
                } else if (flags == XAResource.TMFAIL) {
                    branch.markRollbackOnly();
                }
                return;
            }
            // Timed out while this session worked on it: once no session does, it is rolled back.
            rollBackNow = !branch.isActive() && branch.suspended().isEmpty();
            if (rollBackNow) {
                forget(branch);
            }
        }
        if (rollBackNow) {
            rollBackQuietly(branch);
        }
        throw timedOutError(xid);
    }

    /**
     * end() for a session that is already closed: its close ended the association (as TMSUCCESS), so
     * only an unknown Xid is an error.
     */
    synchronized void endClosed(BranchXid xid, int flags) throws XAException {
        XaBranch branch = existing(xid);
        if (flags == XAResource.TMFAIL) {
            branch.markRollbackOnly();
        }
    }

    /** A session closes: its association ends as with TMSUCCESS and its work stays with the branch. */
    synchronized void sessionClosed(ServerSession session) {
        for (XaBranch branch : branches.values()) {
            if (branch.associated().remove(session)) {
                branch.add(session.dissociate());
            }
            branch.suspended().remove(session);
        }
    }

    /** A connection closed: rolls back the unprepared branches only it worked on. */
    void connectionClosed(ServerConnection connection) {
        List<XaBranch> orphans = new ArrayList<>();
        synchronized (this) {
            workers.forEach((xid, connections) -> {
                connections.remove(connection);
                XaBranch branch = branches.get(xid);
                if (connections.isEmpty() && branch != null && !branch.busy() && !branch.isPrepared()
                        && !branch.isActive() && branch.suspended().isEmpty()) {
                    orphans.add(branch);
                }
            });
            orphans.forEach(branch -> {
                branches.remove(branch.xid());
                workers.remove(branch.xid());
            });
        }
        for (XaBranch orphan : orphans) {
            try {
                completion.rollback(orphan);
            } catch (XAException e) {
                LOG.warn("could not roll back {} after its last connection closed: {}", orphan, e.getMessage());
            }
        }
    }

    // ---- completion

    int prepare(BranchXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = existing(xid);
            requireEnded(branch, "prepare");
            if (branch.inDoubt()) {
                throw XaErrors.protocol(branch + " is already prepared");
            }
            if (!branch.rollbackOnly() && !branch.hasWork()) {
                forget(branch);
                return XAResource.XA_RDONLY;
            }
            if (branch.rollbackOnly()) {
                forget(branch);
            } else {
                branch.busy(true);
            }
        }
        if (branch.rollbackOnly()) {
            throw rolledBackAsMarked(branch);
        }
        XaCompletion.Prepared prepared;
        try {
            prepared = completion.prepare(branch);
        } catch (XAException e) {
            synchronized (this) {
                forget(branch);
            }
            rollBackQuietly(branch);
            XAException rolledBack = XaErrors.rolledBack(branch + " could not be prepared and has been rolled back: " + e.getMessage());
            rolledBack.initCause(e);
            throw rolledBack;
        }
        synchronized (this) {
            branch.prepared(prepared);
            branch.busy(false);
            workers.remove(xid); // a prepared branch outlives every connection
        }
        return XAResource.XA_OK;
    }

    void commit(BranchXid xid, boolean onePhase) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = existing(xid);
            requireEnded(branch, "commit");
            if (branch.heuristic() != null) {
                throw heuristicError(branch);
            }
            if (onePhase && branch.isPrepared()) {
                throw XaErrors.protocol(branch + " is prepared: commit it with two phases");
            }
            if (!onePhase && !branch.isPrepared()) {
                throw XaErrors.protocol(branch + " is not prepared: prepare it first, or commit it in one phase");
            }
            if (branch.rollbackOnly()) {
                forget(branch);
            } else {
                branch.busy(true);
            }
        }
        if (branch.rollbackOnly()) {
            throw rolledBackAsMarked(branch);
        }
        try {
            if (onePhase) {
                completion.commitOnePhase(branch);
            } else {
                completion.commitPrepared(branch, List.of());
            }
        } catch (XAException e) {
            synchronized (this) {
                if (e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND) {
                    forget(branch);
                } else {
                    branch.busy(false);
                }
            }
            throw e;
        }
        synchronized (this) {
            forget(branch);
        }
    }

    void rollback(BranchXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            if (!branches.containsKey(xid) && timedOut.remove(xid)) {
                return; // the broker rolled it back on timeout; the transaction manager wanted the same
            }
            branch = existing(xid);
            if (branch.heuristic() != null) {
                throw heuristicError(branch);
            }
            if (branch.busy()) {
                throw XaErrors.protocol(branch + " is being completed by another call");
            }
            if (branch.isActive()) {
                throw XaErrors.protocol(branch + " still has an associated session; end it first");
            }
            branch.suspended().clear();
            branch.busy(true);
        }
        whileBusy(branch, () -> completion.rollback(branch));
        synchronized (this) {
            forget(branch);
        }
    }

    /**
     * The prepared branches (of this run and found in the store at start) and the heuristically completed
     * ones not yet forgotten: XA's xa_recover returns both.
     */
    synchronized List<BranchXid> recover() {
        return branches.values().stream().filter(XaBranch::inDoubt).map(XaBranch::xid).toList();
    }

    /** The transaction manager has heard of a heuristic outcome: the broker drops it, in the store too. */
    void forget(BranchXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = existing(xid);
            if (branch.heuristic() == null) {
                throw XaErrors.protocol(branch + " was not completed heuristically; there is nothing to forget");
            }
            if (branch.busy()) {
                throw XaErrors.protocol(branch + " is being forgotten by another call");
            }
            branch.busy(true);
        }
        whileBusy(branch, () -> completion.forget(branch));
        synchronized (this) {
            forget(branch);
        }
        LOG.info("{}: its transaction manager forgot the heuristic outcome", branch);
    }

    // ---- operators

    /** How many branches are not yet prepared, prepared (in doubt), and completed heuristically. */
    record Counts(int active, int prepared, int heuristic) {
    }

    synchronized Counts counts() {
        int active = 0;
        int prepared = 0;
        int heuristic = 0;
        for (XaBranch branch : branches.values()) {
            if (branch.heuristic() != null) {
                heuristic++;
            } else if (branch.isPrepared()) {
                prepared++;
            } else {
                active++;
            }
        }
        return new Counts(active, prepared, heuristic);
    }

    /** Every prepared or heuristically completed branch, oldest first where known. */
    synchronized List<PreparedBranch> preparedBranches() {
        return branches.values().stream()
                .filter(XaBranch::inDoubt)
                .map(completion::describe)
                .toList();
    }

    /**
     * An operator commits or rolls back a prepared branch without its transaction manager: a heuristic
     * decision, stored with its effect and reported to the transaction manager if it asks later.
     */
    PreparedBranch completeHeuristically(BranchXid xid, boolean commit) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = existing(xid);
            if (!branch.isPrepared()) {
                throw XaErrors.protocol(branch + (branch.heuristic() != null ? " was already completed heuristically"
                        : " is not prepared; only a prepared branch is completed by hand"));
            }
            if (branch.busy()) {
                throw XaErrors.protocol(branch + " is being completed by another call");
            }
            branch.busy(true);
        }
        HeuristicOutcome outcome = new HeuristicOutcome(xid, commit, System.currentTimeMillis());
        PreparedBranch before = completion.describe(branch);
        List<StoreOperation> record = List.of(new StoreOperation.RecordHeuristic(outcome));
        whileBusy(branch, () -> {
            if (commit) {
                completion.commitPrepared(branch, record);
            } else {
                completion.rollback(branch, record);
            }
        });
        synchronized (this) {
            branch.completedHeuristically(outcome);
            branch.busy(false);
        }
        LOG.warn("HEURISTIC DECISION: an operator {} {} ({} message(s) sent, {} acknowledged, destinations {}); its transaction "
                        + "manager will hear {} if it asks", commit ? "committed" : "rolled back", branch, before.messagesSent(),
                before.messagesAcknowledged(), before.destinations(), commit ? "XA_HEURCOM" : "XA_HEURRB");
        return completion.describe(branch);
    }

    // ---- timeout

    synchronized boolean timedOut(BranchXid xid) {
        XaBranch branch = branches.get(xid);
        return branch != null && branch.timedOut();
    }

    /** Makes sure a sweep will run while unprepared branches exist (called with the lock held). */
    private void scheduleSweep() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            scheduler.runAt(System.currentTimeMillis() + sweepMillis, this::sweep);
        }
    }

    /** Rolls back the unprepared branches older than the timeout; runs on the scheduler thread, never blocks. */
    private void sweep() {
        long now = System.nanoTime();
        List<XaBranch> expired = new ArrayList<>();
        synchronized (this) {
            sweepScheduled = false;
            boolean unprepared = false;
            for (XaBranch branch : branches.values()) {
                if (branch.inDoubt() || branch.busy()) {
                    continue;
                }
                if (!branch.timedOut() && now - branch.startedAt() < timeoutNanos) {
                    unprepared = true;
                } else if (branch.isActive() || !branch.suspended().isEmpty()) {
                    if (!branch.timedOut()) {
                        branch.timeOut(); // rolled back when its sessions end it (see end), or by a later sweep
                        LOG.warn("{} was not prepared within {} ms; it is rolled back when its session ends it",
                                branch, timeoutNanos / 1_000_000);
                    }
                    unprepared = true;
                } else {
                    expired.add(branch); // also one whose sessions closed without ending it
                }
            }
            for (XaBranch branch : expired) {
                forget(branch);
                timedOut.add(branch.xid());
            }
            if (unprepared) {
                scheduleSweep();
            }
        }
        for (XaBranch branch : expired) {
            LOG.warn("rolled back {}: it was not prepared within {} ms ({} message(s) sent, {} consumed)",
                    branch, timeoutNanos / 1_000_000, branch.sends().size(), branch.consumed().size());
            completion.rollbackUnprepared(branch);
        }
    }

    /** Store work for a branch marked busy (no lock held); if it fails, the branch is free again as it was. */
    private void whileBusy(XaBranch branch, StoreWork work) throws XAException {
        try {
            work.run();
        } catch (XAException e) {
            synchronized (this) {
                branch.busy(false);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface StoreWork {
        void run() throws XAException;
    }

    // ---- helpers (called with the lock held)

    private XaBranch existing(BranchXid xid) throws XAException {
        XaBranch branch = branches.get(xid);
        if (branch == null) {
            throw timedOut.remove(xid) ? timedOutError(xid) : XaErrors.unknown(xid);
        }
        return branch;
    }

    private XAException timedOutError(BranchXid xid) {
        return XaErrors.of(XAException.XA_RBTIMEOUT, "branch " + xid + " was rolled back by the broker: it was not prepared within "
                + timeoutNanos / 1_000_000 + " ms");
    }

    private static XAException heuristicError(XaBranch branch) {
        HeuristicOutcome outcome = branch.heuristic();
        return XaErrors.of(outcome.committed() ? XAException.XA_HEURCOM : XAException.XA_HEURRB,
                branch + " was " + (outcome.committed() ? "committed" : "rolled back") + " by an operator at "
                        + Instant.ofEpochMilli(outcome.decidedAt()) + " (a heuristic decision); forget it once recorded");
    }

    private void forget(XaBranch branch) {
        branches.remove(branch.xid(), branch);
        workers.remove(branch.xid());
    }

    private static void requireUnprepared(XaBranch branch, String verb) throws XAException {
        if (branch.inDoubt() || branch.busy()) {
            throw XaErrors.protocol("cannot " + verb + " " + branch + ": it is " + (branch.busy() ? "being completed" : "prepared"));
        }
    }

    private static void requireEnded(XaBranch branch, String verb) throws XAException {
        if (branch.busy()) {
            throw XaErrors.protocol("cannot " + verb + " " + branch + ": it is being completed by another call");
        }
        if (branch.isActive() || !branch.suspended().isEmpty()) {
            throw XaErrors.protocol("cannot " + verb + " " + branch + ": a session is still associated with it; end it first");
        }
    }

    /** Rolls back (no lock held) a branch marked rollback-only and already removed from the table. */
    private XAException rolledBackAsMarked(XaBranch branch) {
        rollBackQuietly(branch);
        return XaErrors.rolledBack(branch + " was marked rollback-only (ended with TMFAIL, or a message sent in it failed)"
                + " and has been rolled back");
    }

    private void rollBackQuietly(XaBranch branch) {
        try {
            completion.rollback(branch);
        } catch (XAException e) {
            LOG.warn("could not roll back {}: {}", branch, e.getMessage());
        }
    }
}
