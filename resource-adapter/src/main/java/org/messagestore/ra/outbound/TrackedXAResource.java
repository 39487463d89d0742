package org.messagestore.ra.outbound;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource of a pooled connection's XA session, which also knows whether the connection is
 * working for a transaction branch right now (between start and end): its session handles then
 * refuse commit, rollback and recover, and take whatever arguments createSession got as "join the
 * transaction" (Jakarta Messaging 3.1, 12.3).
 */
final class TrackedXAResource implements XAResource {

    private final XAResource session;
    private volatile boolean associated;

    TrackedXAResource(XAResource session) {
        this.session = session;
    }

    boolean associated() {
        return associated;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        session.start(xid, flags);
        associated = true;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        associated = false;
        session.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return session.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        session.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        session.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        session.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return session.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return session.isSameRM(other instanceof TrackedXAResource tracked ? tracked.session : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return session.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return session.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "TrackedXAResource[" + session + (associated ? ", in a branch" : "") + "]";
    }
}
