package org.messagestore.store.xodus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The broker's XAResource as a coordinator of the crash tests enlists it: every call passes on, each
 * prepared branch is printed ({@code PREPARED <xid>}) so the test knows which Xid to look for, and at the
 * {@link KillPlan}'s point the coordinator halts or pauses. Used by {@link XaCoordinator} only.
 */
final class StoppingXAResource extends ForwardingXAResource {

    private final KillPlan plan;
    private final IntSupplier transactionNumber;
    private final PrintStream out;
    private final BufferedReader in;

    StoppingXAResource(XAResource delegate, KillPlan plan, IntSupplier transactionNumber, PrintStream out, BufferedReader in) {
        super(delegate);
        this.plan = plan;
        this.transactionNumber = transactionNumber;
        this.out = out;
        this.in = in;
    }

    private void stopIfPlanned(KillPlan.Point point) {
        if (!plan.stopsIn(transactionNumber.getAsInt(), point)) {
            return;
        }
        if (plan.stop() == KillPlan.Stop.HALT) {
            out.println("HALT " + point);
            out.flush();
            Runtime.getRuntime().halt(137);
        }
        out.println("PAUSED " + point);
        try {
            in.readLine(); // the test kills something, then sends a line (or kills this JVM)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("RESUMED " + point);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        int vote = delegate.prepare(xid);
        out.println("PREPARED " + Xids.text(xid));
        stopIfPlanned(KillPlan.Point.AFTER_BOTH_PREPARED);
        return vote;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        stopIfPlanned(KillPlan.Point.BEFORE_OUR_COMMIT);
        delegate.commit(xid, onePhase);
        stopIfPlanned(KillPlan.Point.AFTER_OUR_COMMIT);
    }
}
