package org.messagestore.client;

import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.transport.XaExceptions;

/**
 * The XAResource of one {@link ClientXASession}: the JTA view (JTA 1.3, 3.4 "XAResource Interface") of
 * the broker as an XA resource manager. Every verb goes to the broker through the session's
 * {@link BrokerConnection}; the broker keeps the branches, so a branch started here may be prepared,
 * committed or recovered through the XAResource of any session of the same broker. XAExceptions carry
 * the broker's XA error code unchanged (XAER_NOTA, XAER_PROTO, XA_RBROLLBACK, ...); a broker that cannot
 * be reached is XAER_RMFAIL.
 *
 * <p>Limits, as JTA allows: {@link #setTransactionTimeout} returns false. The broker has its own
 * timeout for unprepared branches (configured on the broker, five minutes by default) and rolls back
 * unprepared branches when the last connection that worked on them closes; a prepared branch never
 * times out. {@link #forget} succeeds only for a branch an operator completed by hand (a heuristic
 * decision, reported by commit or rollback as XA_HEURCOM or XA_HEURRB).
 *
 * <p>Threads: any thread (the transaction manager's); calls block until the broker answered.
 */
final class ClientXAResource implements XAResource {

    private final ClientXASession session;
    private final String resourceManager;

    ClientXAResource(ClientXASession session, String resourceManager) {
        this.session = session;
        this.resourceManager = resourceManager;
    }

    private BrokerConnection link() throws XAException {
        if (session.connection().isClosed()) {
            throw XaExceptions.of(XAException.XAER_RMFAIL, "the connection of this XA session is closed", null);
        }
        return session.link();
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if (session.isClosed()) {
            throw XaExceptions.of(XAException.XAER_RMFAIL, "the XA session is closed", null);
        }
        link().xaStart(session.id(), BrokerXid.toStore(xid), flags);
        session.globalTransaction(true);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        // Asynchronous sends made in the branch must reach the broker before the branch ends.
        session.awaitPendingSends();
        try {
            link().xaEnd(session.id(), BrokerXid.toStore(xid), flags);
        } finally {
            session.globalTransaction(false);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return link().xaPrepare(BrokerXid.toStore(xid));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        link().xaCommit(BrokerXid.toStore(xid), onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        link().xaRollback(BrokerXid.toStore(xid));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        link().xaForget(BrokerXid.toStore(xid));
    }

    /**
     * The prepared branches of the broker. A scan is one call: TMSTARTRSCAN (alone or with TMENDRSCAN)
     * and TMNOFLAGS return the whole list, TMENDRSCAN alone ends the scan with an empty one (JTA,
     * XAResource.recover javadoc).
     */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw XaExceptions.of(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not 0x"
                    + Integer.toHexString(flag), null);
        }
        if (flag == TMENDRSCAN) {
            return new Xid[0];
        }
        List<BranchXid> prepared = link().xaRecover();
        return prepared.stream().map(BrokerXid::new).toArray(Xid[]::new);
    }

    /** True for resources of the same broker: the same scheme, host and port, whatever the other URL options. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof ClientXAResource resource && resource.resourceManager.equals(resourceManager);
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    /** Not supported: returns false (JTA allows it); the broker's own timeout for unprepared branches applies. */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw XaExceptions.of(XAException.XAER_INVAL, "a transaction timeout cannot be negative: " + seconds, null);
        }
        return false;
    }

    @Override
    public String toString() {
        return "ClientXAResource[" + resourceManager + ", " + session + "]";
    }
}
