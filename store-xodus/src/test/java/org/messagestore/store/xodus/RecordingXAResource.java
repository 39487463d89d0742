package org.messagestore.store.xodus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XAResource that passes every call on and records which verbs the transaction manager used and what
 * prepare returned, so a test sees the protocol Narayana ran.
 */
final class RecordingXAResource extends ForwardingXAResource {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Integer> prepareResults = new CopyOnWriteArrayList<>();

    RecordingXAResource(XAResource delegate) {
        super(delegate);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        calls.add("start");
        delegate.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        calls.add(flags == TMFAIL ? "end-fail" : "end");
        delegate.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        calls.add("prepare");
        int result = delegate.prepare(xid);
        prepareResults.add(result);
        return result;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        calls.add(onePhase ? "commit-one-phase" : "commit");
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        calls.add("rollback");
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        calls.add("forget");
        delegate.forget(xid);
    }
}
