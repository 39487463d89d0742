package org.messagestore.store.xodus;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.internal.arjuna.common.UidHelper;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import jakarta.jms.XAConnection;
import java.io.IOException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Narayana's crash recovery as a restarted coordinator runs it: a {@link RecoveryManager} in
 * DIRECT_MANAGEMENT mode (no thread of its own), the broker's XAResource and H2's registered through
 * {@link XAResourceRecoveryHelper}s, and {@code scan()} repeated until nothing is left to do: no branch in
 * doubt in either resource manager and no transaction record in the object store (or {@link #MAX_SCANS}).
 *
 * <p>A scan is two passes with {@code recoveryBackoffPeriod} (1 s here) between them. In the first,
 * Narayana reads its log and asks each resource for its in-doubt Xids; in the second, it replays the
 * logged decisions (commit, through the resource that listed the Xid) and rolls back this node's branches
 * that have no log record once they are older than the orphan safety interval.
 *
 * <p>Both connections are opened before the first scan, so recovery never runs without one of its
 * resources: with {@code xaAssumeRecoveryComplete} (see {@link NarayanaSetup}) a missing resource would
 * make Narayana take its branches for committed.
 */
final class CoordinatorRecovery {

    static final int MAX_SCANS = 10;
    private static final String ATOMIC_ACTION = "/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction";

    /** What recovery left: scans run, branches still in doubt in the broker and in H2, Narayana records left. */
    record Result(int scans, int brokerInDoubt, int ledgerInDoubt, int logRecords) {
        boolean complete() {
            return brokerInDoubt == 0 && ledgerInDoubt == 0 && logRecords == 0;
        }

        @Override
        public String toString() {
            return "scans=" + scans + " brokerInDoubt=" + brokerInDoubt + " ledgerInDoubt=" + ledgerInDoubt
                    + " logRecords=" + logRecords;
        }
    }

    private CoordinatorRecovery() {
    }

    static Result run(String brokerUrl, Ledger ledger) throws Exception {
        try (XAConnection jms = new MessageStoreConnectionFactory(brokerUrl).createXAConnection()) {
            XAResource broker = jms.createXASession().getXAResource();
            javax.sql.XAConnection sql = ledger.xaDataSource().getXAConnection();
            try {
                XAResource database = sql.getXAResource();
                RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
                XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
                module.addXAResourceRecoveryHelper(new OneResource(database));
                module.addXAResourceRecoveryHelper(new OneResource(broker));
                Result result;
                int scans = 0;
                do {
                    manager.scan();
                    scans++;
                    result = new Result(scans, broker.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length,
                            inDoubt(database), logRecords());
                } while (!result.complete() && scans < MAX_SCANS);
                manager.terminate();
                return result;
            } finally {
                sql.close();
            }
        }
    }

    private static int inDoubt(XAResource database) throws XAException {
        return database.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
    }

    /** Transaction records in Narayana's object store: written after the last prepare, removed after the last commit. */
    private static int logRecords() throws Exception {
        InputObjectState uids = new InputObjectState();
        if (!StoreManager.getRecoveryStore().allObjUids(ATOMIC_ACTION, uids)) {
            throw new IllegalStateException("cannot list the transaction records of the object store");
        }
        int count = 0;
        try {
            for (Uid uid = UidHelper.unpackFrom(uids); uid.notEquals(Uid.nullUid()); uid = UidHelper.unpackFrom(uids)) {
                count++;
            }
        } catch (IOException e) {
            // an empty list holds no terminating null Uid
        }
        return count;
    }

    /** Hands Narayana one XAResource to scan, the same one each time. */
    private record OneResource(XAResource resource) implements XAResourceRecoveryHelper {
        @Override
        public boolean initialise(String parameter) {
            return true;
        }

        @Override
        public XAResource[] getXAResources() {
            return new XAResource[] {resource};
        }
    }
}
