package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.model.BranchXid;
import org.messagestore.store.PreparedTransaction;
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
 * or its prepare could not be stored), XAER_RMFAIL when the store failed and the branch is as before.
 * The broker never completes a branch on its own, so it has no heuristic outcomes to report and
 * forget always fails.
 *
 * <p>Closing a session ends its association as end(TMSUCCESS) would: its work stays with the branch
 * for the transaction manager to complete. Closing a connection rolls back the unprepared branches that
 * only its sessions worked on (no transaction manager could complete them through it any more), so
 * their consumed messages do not stay locked until the broker restarts.
 *
 * <p>Threads: verbs come from client threads. The table and every branch's state are guarded by
 * {@code this}; store writes run outside it while the branch is marked busy.
 */
final class XaTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(XaTransactions.class);

    private final XaCompletion completion;
    private final Map<BranchXid, XaBranch> branches = new LinkedHashMap<>();
    /** Connections whose sessions worked on each unprepared branch (for rollback when they all closed). */
    private final Map<BranchXid, Set<ServerConnection>> workers = new LinkedHashMap<>();

    XaTransactions(XaCompletion completion) {
        this.completion = completion;
    }

    /** At start: the branches the store holds prepared, now in doubt until a transaction manager decides. */
    synchronized void recovered(List<PreparedTransaction> inDoubt) {
        inDoubt.forEach(tx -> branches.put(tx.xid(), XaBranch.recovered(tx)));
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
                branch = XaBranch.started(xid);
                branches.put(xid, branch);
            }
            case XAResource.TMJOIN -> {
                branch = existing(xid);
                requireUnprepared(branch, "join");
                if (branch.rollbackOnly()) {
                    throw XaErrors.rolledBack("branch " + xid + " is marked rollback-only");
                }
            }
            case XAResource.TMRESUME -> {
                branch = existing(xid);
                requireUnprepared(branch, "resume");
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

    synchronized void end(ServerSession session, BranchXid xid, int flags) throws XAException {
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw XaErrors.of(XAException.XAER_INVAL,
                    "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not flags 0x" + Integer.toHexString(flags));
        }
        XaBranch branch = existing(xid);
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
        if (flags == XAResource.TMSUSPEND) {
            branch.suspended().add(session);
        } else if (flags == XAResource.TMFAIL) {
            branch.markRollbackOnly();
        }
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
            if (branch.isPrepared()) {
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
            if (branch.recovered() != null) {
                completion.commitRecovered(branch);
            } else if (onePhase) {
                completion.commitOnePhase(branch);
            } else {
                completion.commitPrepared(branch);
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
            branch = existing(xid);
            if (branch.busy()) {
                throw XaErrors.protocol(branch + " is being completed by another call");
            }
            if (branch.isActive()) {
                throw XaErrors.protocol(branch + " still has an associated session; end it first");
            }
            branch.suspended().clear();
            branch.busy(true);
        }
        try {
            if (branch.recovered() != null) {
                completion.rollbackRecovered(branch);
            } else {
                completion.rollback(branch);
            }
        } catch (XAException e) {
            synchronized (this) {
                branch.busy(false);
            }
            throw e;
        }
        synchronized (this) {
            forget(branch);
        }
    }

    /** The prepared branches: those prepared in this run and those found in the store at start. */
    synchronized List<BranchXid> recover() {
        return branches.values().stream().filter(XaBranch::isPrepared).map(XaBranch::xid).toList();
    }

    /** Only heuristically completed branches can be forgotten, and this broker completes none on its own. */
    synchronized void forget(BranchXid xid) throws XAException {
        XaBranch branch = existing(xid);
        throw XaErrors.protocol(branch + " was not completed heuristically; there is nothing to forget");
    }

    // ---- helpers (called with the lock held)

    private XaBranch existing(BranchXid xid) throws XAException {
        XaBranch branch = branches.get(xid);
        if (branch == null) {
            throw XaErrors.unknown(xid);
        }
        return branch;
    }

    private void forget(XaBranch branch) {
        branches.remove(branch.xid(), branch);
        workers.remove(branch.xid());
    }

    private static void requireUnprepared(XaBranch branch, String verb) throws XAException {
        if (branch.isPrepared() || branch.busy()) {
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
