package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.xodus.BrokerProbe.Received;
import org.messagestore.store.xodus.KillPlan.Point;
import org.messagestore.store.xodus.KillPlan.Stop;

/**
 * The crash matrix of "receive a request, insert a row, send a reply" under Narayana: the coordinator
 * ({@link XaCoordinator}) and the broker ({@link CrashBroker}) each run in a child JVM and are killed at
 * a point of the two-phase commit that the coordinator sets deterministically ({@link KillPlan}); then a
 * restarted coordinator runs Narayana's recovery ({@link CoordinatorRecovery}) and the test checks the
 * outcome as a user sees it: rows in H2, replies and requests through plain consumers, and branches the
 * broker's XAResource still recovers. Each case handles one request, {@code r-1}.
 *
 * <p>Before the decision is logged, recovery rolls both branches back (presumed abort); after it, recovery
 * commits both. Either way the row and the reply agree, and nothing is left in doubt.
 */
class XaCrashMatrixTest {

    private static final Duration STEP = Duration.ofSeconds(60);
    /** A plain consumer that receives nothing for this long sees no available message. */
    private static final long QUIET_MS = 500;

    @TempDir
    Path dir;

    private final String name = "xa-matrix-" + UUID.randomUUID();
    private Path data;
    private Path objectStore;
    private Path ledgerFile;
    private Ledger ledger;
    private BrokerProcess broker;
    private CoordinatorProcess coordinator;
    private int brokerStarts;
    private final long started = System.nanoTime();

    /** What the user sees; draining the queues consumes what was available. */
    record State(List<String> rows, int ledgerInDoubt, List<String> brokerInDoubt, List<Received> replies,
                 List<Received> requests) {
        @Override
        public String toString() {
            return "rows=" + rows.size() + " replies=" + replies.size() + " requests=" + requests.size()
                    + " ledgerInDoubt=" + ledgerInDoubt + " brokerInDoubt=" + brokerInDoubt.size();
        }
    }

    @BeforeEach
    void start() throws Exception {
        data = dir.resolve("broker");
        objectStore = Files.createDirectories(dir.resolve("narayana"));
        ledgerFile = Files.createDirectories(dir.resolve("h2")).resolve("ledger");
        ledger = new Ledger(ledgerFile);
        ledger.createTable();
        startBroker();
        new BrokerProbe(broker.url()).sendRequests(List.of("r-1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.kill();
        }
        broker.kill();
    }

    private void startBroker() throws Exception {
        broker = BrokerProcess.start(data, name, dir.resolve("broker-" + ++brokerStarts + ".err"));
    }

    private void restartBroker() throws Exception {
        broker.kill();
        startBroker();
    }

    /** Starts a coordinator that handles one request and stops in it as {@code plan} says; returns the Xid it prepared. */
    private String coordinate(Point point, Stop stop) throws Exception {
        KillPlan plan = new KillPlan(1, point, stop);
        coordinator = CoordinatorProcess.start(dir.resolve("coordinator"),
                List.of("work", objectStore.toString(), ledgerFile.toString(), broker.url(), "1", plan.toString()));
        coordinator.awaitLine(stop == Stop.HALT ? "HALT" : "PAUSED", STEP);
        return coordinator.first("PREPARED").orElseThrow();
    }

    private String recover() throws Exception {
        CoordinatorProcess recovery = CoordinatorProcess.start(dir.resolve("recovery"),
                List.of("recover", objectStore.toString(), ledgerFile.toString(), broker.url()));
        try {
            int status = recovery.awaitExit(STEP);
            assertThat(status).as("recovery completed; %s", recovery.report()).isZero();
            return recovery.first("RECOVERED").orElseThrow();
        } finally {
            recovery.kill();
        }
    }

    private State state() throws Exception {
        BrokerProbe probe = new BrokerProbe(broker.url());
        return new State(ledger.requestIds(), ledger.inDoubt(), probe.inDoubt(),
                probe.drain(RequestWorkflow.REPLIES, QUIET_MS), probe.drain(RequestWorkflow.REQUESTS, QUIET_MS));
    }

    private void report(String matrixCase, State before, String recovered, State after) {
        System.out.printf("xa crash matrix, %s: before recovery %s; recovery %s; after %s; %d ms%n", matrixCase, before,
                recovered, after, (System.nanoTime() - started) / 1_000_000);
    }

    /** Both branches prepared, nothing committed: the request locked, the reply invisible, no row. */
    private static void assertBothPrepared(State before, String xid) {
        assertThat(before.rows()).isEmpty();
        assertThat(before.ledgerInDoubt()).isEqualTo(1);
        assertThat(before.brokerInDoubt()).containsExactly(xid);
        assertThat(before.replies()).as("the reply of a prepared branch is invisible").isEmpty();
        assertThat(before.requests()).as("the request of a prepared branch is locked").isEmpty();
    }

    /** The database's branch committed, the broker's still prepared. */
    private static void assertOnlyTheDatabaseCommitted(State before, String xid) {
        assertThat(before.rows()).containsExactly("r-1");
        assertThat(before.ledgerInDoubt()).isZero();
        assertThat(before.brokerInDoubt()).containsExactly(xid);
        assertThat(before.replies()).as("the reply of a prepared branch is invisible").isEmpty();
        assertThat(before.requests()).as("the request of a prepared branch is locked").isEmpty();
    }

    private static void assertRolledBack(State after) {
        assertThat(after.rows()).isEmpty();
        assertThat(after.replies()).isEmpty();
        assertThat(after.requests()).containsExactly(new Received("r-1", true));
        assertThat(after.ledgerInDoubt()).isZero();
        assertThat(after.brokerInDoubt()).isEmpty();
    }

    private static void assertCommitted(State after) {
        assertThat(after.rows()).containsExactly("r-1");
        assertThat(after.replies()).containsExactly(new Received("r-1", false));
        assertThat(after.requests()).isEmpty();
        assertThat(after.ledgerInDoubt()).isZero();
        assertThat(after.brokerInDoubt()).isEmpty();
    }

    @Test
    void coordinatorKilledAfterBothPreparedBeforeTheDecisionIsLoggedRollsBothBack() throws Exception {
        String xid = coordinate(Point.AFTER_BOTH_PREPARED, Stop.HALT);
        assertThat(coordinator.awaitExit(STEP)).isEqualTo(137);
        State before = state();
        assertBothPrepared(before, xid);

        String recovered = recover();
        State after = state();
        report("coordinator killed after both prepared", before, recovered, after);
        assertRolledBack(after);
    }

    @Test
    void coordinatorKilledAfterTheDecisionIsLoggedBeforeOurCommitCommitsOurBranch() throws Exception {
        String xid = coordinate(Point.BEFORE_OUR_COMMIT, Stop.HALT);
        assertThat(coordinator.awaitExit(STEP)).isEqualTo(137);
        State before = state();
        assertOnlyTheDatabaseCommitted(before, xid);

        String recovered = recover();
        State after = state();
        report("coordinator killed after the decision, before our commit", before, recovered, after);
        assertCommitted(after);
    }

    @Test
    void brokerKilledWithAPreparedBranchKeepsItPreparedUntilRecoveryCommitsIt() throws Exception {
        String xid = coordinate(Point.AFTER_BOTH_PREPARED, Stop.PAUSE);
        broker.kill();
        coordinator.awaitLine("CONNECTION_FAILED", STEP); // the race is the next case's
        coordinator.resume();
        int status = coordinator.awaitExit(STEP);
        List<String> outcome = coordinator.lines().stream().filter(l -> !l.startsWith("PREPARED")).toList();
        assertThat(status).as("the coordinator saw the broker go; %s", coordinator.report()).isEqualTo(XaCoordinator.BROKER_LOST);
        startBroker();
        State before = state();
        assertOnlyTheDatabaseCommitted(before, xid);

        String recovered = recover();
        State after = state();
        report("broker killed with a prepared branch (coordinator: " + String.join(", ", outcome) + ")", before, recovered, after);
        assertCommitted(after);
    }

    /**
     * As {@link #brokerKilledWithAPreparedBranchKeepsItPreparedUntilRecoveryCommitsIt}, but the coordinator
     * goes on as soon as the broker JVM is gone, so its commit races the client's noticing that the
     * connection failed. The commit must fail with XAER_RMFAIL (outcome unknown: recovery retries it).
     *
     * <p>The race this covers: a commit frame written after the channel closed but before the client
     * recorded the connection failure fails its write with a ClosedChannelException. It must still be
     * XAER_RMFAIL; XAER_RMERR would make Narayana record a heuristic rollback and never commit the branch.
     */
    @Test
    void brokerKilledJustBeforeOurCommitLeavesTheBranchToRecoveryWhichCommitsIt() throws Exception {
        String xid = coordinate(Point.BEFORE_OUR_COMMIT, Stop.PAUSE);
        broker.kill();
        coordinator.resume();
        int status = coordinator.awaitExit(STEP);
        List<String> outcome = coordinator.lines().stream().filter(l -> !l.startsWith("PREPARED")).toList();
        assertThat(status).as("the coordinator saw the broker go; %s", coordinator.report()).isEqualTo(XaCoordinator.BROKER_LOST);
        startBroker();
        State before = state();
        assertOnlyTheDatabaseCommitted(before, xid);

        CoordinatorProcess recovery = CoordinatorProcess.start(dir.resolve("recovery"),
                List.of("recover", objectStore.toString(), ledgerFile.toString(), broker.url()));
        int recoveryStatus = recovery.awaitExit(STEP);
        String recovered = recovery.first("RECOVERED").orElse("(none)");
        State after = state();
        report("broker killed just before our commit (coordinator: " + String.join(", ", outcome) + ")", before, recovered, after);
        assertThat(recoveryStatus).as("recovery completed; %s\n%s", recovery.report(), coordinator.report()).isZero();
        assertCommitted(after);
    }

    @Test
    void bothKilledAfterTheDecisionIsLoggedCommitBothAfterRestart() throws Exception {
        String xid = coordinate(Point.BEFORE_OUR_COMMIT, Stop.PAUSE);
        coordinator.kill();
        restartBroker();
        State before = state();
        assertOnlyTheDatabaseCommitted(before, xid);

        String recovered = recover();
        State after = state();
        report("both killed after the decision, before our commit", before, recovered, after);
        assertCommitted(after);
    }

    @Test
    void bothKilledAfterBothPreparedRollBothBackAfterRestart() throws Exception {
        String xid = coordinate(Point.AFTER_BOTH_PREPARED, Stop.PAUSE);
        coordinator.kill();
        restartBroker();
        State before = state();
        assertBothPrepared(before, xid);

        String recovered = recover();
        State after = state();
        report("both killed after both prepared", before, recovered, after);
        assertRolledBack(after);
    }

}
