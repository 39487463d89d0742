package org.messagestore.store.xodus;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.nio.file.Path;
import java.util.List;

/**
 * Narayana standalone as the XA tests run it: its object store in a given directory, a fixed node
 * identifier, and a recovery manager that the caller drives ({@code scan()}), with presumed abort for the
 * branches of this node that have no log record. Narayana reads its configuration beans once per JVM, so
 * this is called before its first use; the beans are Narayana's own per-JVM state, not ours.
 */
final class NarayanaSetup {

    /** The node identifier of every coordinator of the tests: its Xids carry it, and recovery rolls back its orphans. */
    static final String NODE = "messagestore-xa-test";

    /**
     * How long a prepared branch without a log record must have been seen before recovery rolls it back.
     * Narayana's default (20 s) guards against rolling back a transaction that is about to write its log;
     * a recovering coordinator of these tests runs no transactions, so half a second is enough.
     */
    private static final int ORPHAN_SAFETY_MILLIS = 500;

    private NarayanaSetup() {
    }

    static void configure(Path objectStore) {
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean bean = store == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
            bean.setObjectStoreDir(objectStore.toString());
        }
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(NODE);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalStateException(e);
        }
        // The status manager answers other processes' recovery managers on a socket; a recovering coordinator
        // here reads the log of a dead one, so neither needs it.
        BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class).setTransactionStatusManagerEnable(false);

        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        // Top-down recovery of logged transactions first, then the resources' own in-doubt lists.
        recovery.setRecoveryModuleClassNames(List.of(
                AtomicActionRecoveryModule.class.getName(), XARecoveryModule.class.getName()));
        recovery.setExpiryScannerClassNames(List.of());
        recovery.setRecoveryListener(false);
        // A scan waits this long between its two passes; Narayana waits forever on 0, so 1 s is the least.
        recovery.setRecoveryBackoffPeriod(1);

        JTAEnvironmentBean jta = BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class);
        jta.setXaRecoveryNodes(List.of(NODE));
        // A branch with a log record is left to the log; one of this node without a record is rolled back
        // (presumed abort: the coordinator died before it decided).
        jta.setXaResourceOrphanFilterClassNames(List.of(
                JTATransactionLogXAResourceOrphanFilter.class.getName(), JTANodeNameXAResourceOrphanFilter.class.getName()));
        jta.setOrphanSafetyInterval(ORPHAN_SAFETY_MILLIS);
        // A logged branch that no resource lists any more was committed before the crash, not lost: the log is
        // written after every prepare and removed after the last commit, so a crash between two commits leaves
        // a record whose first branch is already gone. Without this Narayana keeps that record and retries it
        // forever. It is safe only because every resource manager of the transaction has a recovery helper and
        // the recovering coordinator fails rather than scan without one.
        jta.setXaAssumeRecoveryComplete(true);
    }
}
