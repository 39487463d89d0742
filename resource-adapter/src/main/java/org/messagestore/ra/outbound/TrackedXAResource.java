package org.messagestore.ra.outbound;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource of a pooled connection's XA session, which also knows whether the connection is
 * working for a transaction branch right now (between start and end): its session handles then
 * refuse commit, rollback and recover, and take whatever arguments createSession got as "join the
 * transaction" (Jakarta Messaging 3.1, 12.3).
 *
 * <p>The broker keeps prepared branches, so any of its sessions can complete them. When this
 * connection is gone, commit, rollback, forget and recover go through the adapter's own recovery
 * session instead: a recovery manager may hold on to this resource after the server closed the
 * pooled connection it came from.
 */
final class TrackedXAResource implements XAResource {

    /** Supplies an XAResource of the same broker, independent of any pooled connection. */
    interface Fallback {
        XAResource resource() throws XAException;
    }

    private final XAResource session;
    private final Fallback fallback;
    private volatile boolean associated;

    TrackedXAResource(XAResource session, Fallback fallback) {
        this.session = session;
        this.fallback = fallback;
    }

    /** Runs a completion verb on this session, or on the fallback when this connection can no longer reach the broker. */
    private <T> T complete(Verb<T> verb) throws XAException {
        try {
            return verb.apply(session);
        } catch (XAException e) {
            if (e.errorCode != XAException.XAER_RMFAIL) {
                throw e;
            }
            return verb.apply(fallback.resource());
        }
    }

    private interface Verb<T> {
        T apply(XAResource resource) throws XAException;
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
        complete(resource -> {
            resource.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        complete(resource -> {
            resource.rollback(xid);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        complete(resource -> {
            resource.forget(xid);
            return null;
        });
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return complete(resource -> resource.recover(flag));
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
