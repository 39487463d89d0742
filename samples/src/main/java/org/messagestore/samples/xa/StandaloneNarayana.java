package org.messagestore.samples.xa;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.util.List;

/**
 * Narayana as a standalone JTA transaction manager, set up so that recovery completes what a crash
 * left in doubt. Three things matter, and all three must be the same after a restart:
 * <ol>
 *   <li>the <b>object store directory</b>, where Narayana logs each commit decision before phase two;</li>
 *   <li>the <b>node identifier</b>, which Narayana writes into every Xid it creates. Recovery rolls
 *       back a prepared branch with no logged decision ("presumed abort") only when the Xid carries a
 *       node named in {@code xaRecoveryNodes}; each coordinator needs its own identifier;</li>
 *   <li>a <b>recovery helper per resource manager</b> ({@link XAResourceRecoveryHelper}): after a
 *       restart the log holds only Xids, so Narayana asks each helper for an XAResource, calls
 *       {@code recover()} on it and matches the Xids found against its log.</li>
 * </ol>
 * Narayana's configuration is global to the JVM: call {@link #configure} once, before the first
 * transaction.
 */
public final class StandaloneNarayana {

    private StandaloneNarayana() {
    }

    /** Points Narayana at its log directory and names this coordinator; returns the transaction manager. */
    public static TransactionManager configure(Path objectStore, String nodeIdentifier) {
        String dir = objectStore.toAbsolutePath().toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(nodeIdentifier);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("Narayana refused the node identifier '" + nodeIdentifier + "'", e);
        }
        BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class).setXaRecoveryNodes(List.of(nodeIdentifier));
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /**
     * Starts Narayana's recovery manager in this JVM with a helper per resource manager. With
     * {@code periodic} it scans on its own thread (every two minutes by default); without, call
     * {@code scan()} on the returned manager when you want recovery to run (at start, in a tool).
     */
    public static RecoveryManager startRecovery(boolean periodic, XAResourceRecoveryHelper... helpers) {
        RecoveryManager manager = RecoveryManager.manager(periodic ? RecoveryManager.INDIRECT_MANAGEMENT
                : RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule xaRecovery = XARecoveryModule.getRegisteredXARecoveryModule();
        for (XAResourceRecoveryHelper helper : helpers) {
            xaRecovery.addXAResourceRecoveryHelper(helper);
        }
        if (periodic) {
            manager.startRecoveryManagerThread();
        }
        return manager;
    }
}
