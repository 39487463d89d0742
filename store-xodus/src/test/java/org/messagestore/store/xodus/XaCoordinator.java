package org.messagestore.store.xodus;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of the XA crash tests ({@link XaCrashMatrixTest}, {@link XaWorkflowCrashTest}): a
 * coordinator, Narayana standalone with its object store in a given directory and the fixed node
 * identifier of {@link NarayanaSetup}, over the broker (at a TCP URL, itself in another child JVM) and the
 * H2 {@link Ledger}. Not a test.
 *
 * <p>Args: {@code work <objectStore> <ledgerFile> <brokerUrl> <maxTransactions> <killPlan>} runs
 * {@link RequestWorkflow} transactions until no request is left (or {@code maxTransactions}, if not 0), and
 * stops as the {@link KillPlan} says; {@code recover <objectStore> <ledgerFile> <brokerUrl>} runs
 * {@link CoordinatorRecovery} and exits.
 *
 * <p>It reports on standard output, one line per event: {@code PREPARED <xid>}, {@code COMMITTED <id>},
 * {@code ROLLED_BACK <id-or-cause>}, {@code PAUSED <point>}, {@code HALT <point>}, {@code EMPTY},
 * {@code CONNECTION_FAILED <reason>}, {@code BROKER_LOST}, {@code RECOVERED <result>}. Exit status 0 when done, 3 when the broker was lost,
 * 4 when recovery did not complete, 137 when it halted at a kill point.
 */
public final class XaCoordinator {

    static final int BROKER_LOST = 3;
    static final int RECOVERY_INCOMPLETE = 4;
    private static final int MAX_FAILURES_IN_A_ROW = 5;

    private XaCoordinator() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        NarayanaSetup.configure(Path.of(args[1]));
        Ledger ledger = new Ledger(Path.of(args[2]));
        String brokerUrl = args[3];
        int status = switch (args[0]) {
            case "recover" -> recover(brokerUrl, ledger, out);
            case "work" -> work(brokerUrl, ledger, Integer.parseInt(args[4]), KillPlan.parse(args[5]), out);
            default -> throw new IllegalArgumentException("mode must be work or recover, not " + args[0]);
        };
        out.flush();
        // Narayana's reaper threads are not daemons, so the JVM ends here, not when main returns.
        System.exit(status);
    }

    private static int recover(String brokerUrl, Ledger ledger, PrintStream out) throws Exception {
        CoordinatorRecovery.Result result = CoordinatorRecovery.run(brokerUrl, ledger);
        out.println("RECOVERED " + result);
        return result.complete() ? 0 : RECOVERY_INCOMPLETE;
    }

    private static int work(String brokerUrl, Ledger ledger, int maxTransactions, KillPlan plan, PrintStream out)
            throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int[] number = {0};
        try (RequestWorkflow workflow = new RequestWorkflow(brokerUrl, ledger.xaDataSource(),
                broker -> new StoppingXAResource(broker, plan, () -> number[0], out, in), out)) {
            int failuresInARow = 0;
            while (maxTransactions == 0 || number[0] < maxTransactions) {
                number[0]++;
                try {
                    String id = workflow.handleOne(tm);
                    if (id == null && workflow.brokerAnswers()) {
                        out.println("EMPTY");
                        return 0;
                    }
                    if (id != null) {
                        out.println("COMMITTED " + id);
                        failuresInARow = 0;
                    }
                } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException e) {
                    out.println("ROLLED_BACK " + e);
                    failuresInARow++;
                } catch (Exception e) {
                    out.println("FAILED " + e);
                    abandon(tm, out);
                    failuresInARow++;
                }
                if (workflow.connectionFailed() || (failuresInARow > 0 && !workflow.brokerAnswers())) {
                    out.println("BROKER_LOST");
                    return BROKER_LOST;
                }
                if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    throw new IllegalStateException(failuresInARow + " transactions in a row failed with the broker up");
                }
            }
        }
        return 0;
    }

    /** Rolls back whatever transaction a failure left on this thread, so the next one can begin. */
    private static void abandon(TransactionManager tm, PrintStream out) {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            out.println("FAILED rollback " + e);
            try {
                tm.suspend();
            } catch (Exception again) {
                throw new IllegalStateException("cannot dissociate the failed transaction from this thread", again);
            }
        }
    }
}
