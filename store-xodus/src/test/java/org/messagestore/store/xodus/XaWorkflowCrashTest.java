package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.xodus.BrokerProbe.Received;
import org.messagestore.store.xodus.KillPlan.Point;
import org.messagestore.store.xodus.KillPlan.Stop;

/**
 * "Receive a request, insert a row, send a reply" exactly once, across SIGKILLs: N requests wait on a queue
 * of a broker in a child JVM ({@link CrashBroker}); a coordinator in another child JVM ({@link XaCoordinator})
 * handles them one XA transaction each (Narayana over the broker and H2). Each iteration kills the
 * coordinator, the broker or both, at a random moment (after a random number of commits or of prepares)
 * or at a random point of the two-phase commit ({@link KillPlan}); restarts what was killed; runs Narayana's
 * recovery in a fresh coordinator; and checks that rows, replies and requests agree: every request id is in
 * the rows and the replies at most once, in both or in neither, and on the queue otherwise. Then one last
 * coordinator handles what is left, and each request id must be in the rows and the replies exactly once.
 *
 * <p>Iterations: 6 by default; more with {@code -Dxa.crash.iterations=N} or the {@code soak} profile.
 * The random choices come from {@code -Dxa.crash.seed} if given, and the seed is printed.
 */
class XaWorkflowCrashTest {

    private static final int ITERATIONS = Integer.getInteger("xa.crash.iterations", 6);
    private static final int REQUESTS = Math.max(40, 6 * ITERATIONS);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final long QUIET_MS = 500;

    @TempDir
    Path dir;

    private final String name = "xa-workflow-" + UUID.randomUUID();
    private final List<String> replies = new ArrayList<>();
    private Path data;
    private Path objectStore;
    private Path ledgerFile;
    private Ledger ledger;
    private BrokerProcess broker;
    private int brokerStarts;
    private int coordinatorStarts;
    /** The output of the last coordinator that worked, for the message of a failure after it. */
    private String lastWork = "";

    /** Who is killed in an iteration. */
    enum Victim {
        COORDINATOR, BROKER, BOTH
    }

    @Test
    void everyRequestIsHandledExactlyOnceAcrossKilledCoordinatorsAndBrokers() throws Exception {
        long seed = Long.getLong("xa.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("xa workflow crash: %d requests, %d iterations, seed %d%n", REQUESTS, ITERATIONS, seed);
        data = dir.resolve("broker");
        objectStore = Files.createDirectories(dir.resolve("narayana"));
        ledgerFile = Files.createDirectories(dir.resolve("h2")).resolve("ledger");
        ledger = new Ledger(ledgerFile);
        ledger.createTable();
        List<String> ids = IntStream.range(0, REQUESTS).mapToObj(i -> String.format("r-%04d", i)).toList();
        startBroker();
        try {
            new BrokerProbe(broker.url()).sendRequests(ids);
            for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                long start = System.nanoTime();
                String kill = killOnce(random);
                String recovered = recover();
                List<String> left = checkAgreement(ids);
                System.out.printf("xa workflow crash iteration %d/%d: %s; recovery %s; rows=%d replies=%d requests left=%d; %d ms%n",
                        iteration, ITERATIONS, kill, recovered, ledger.requestIds().size(), replies.size(), left.size(),
                        (System.nanoTime() - start) / 1_000_000);
                if (left.isEmpty()) {
                    break;
                }
            }
            long start = System.nanoTime();
            String finished = finish();
            String recovered = recover();
            List<String> left = checkAgreement(ids);
            List<String> rows = ledger.requestIds();
            System.out.printf("xa workflow crash end: %s; recovery %s; rows=%d (distinct %d) replies=%d (distinct %d) requests left=%d of %d; %d ms%n",
                    finished, recovered, rows.size(), new HashSet<>(rows).size(), replies.size(), new HashSet<>(replies).size(),
                    left.size(), REQUESTS, (System.nanoTime() - start) / 1_000_000);
            assertThat(left).as("requests left").isEmpty();
            assertThat(rows).as("one row per request").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(replies).as("one reply per request").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(new BrokerProbe(broker.url()).inDoubt()).as("branches in doubt in the broker").isEmpty();
            assertThat(ledger.inDoubt()).as("transactions in doubt in H2").isZero();
        } finally {
            broker.kill();
        }
    }

    /** Runs a coordinator, kills what {@code random} picks when it picks, restarts the broker if needed; describes it. */
    private String killOnce(Random random) throws Exception {
        Victim victim = Victim.values()[random.nextInt(Victim.values().length)];
        int after = 1 + random.nextInt(4);
        boolean atPoint = random.nextBoolean();
        Point point = Point.values()[random.nextInt(Point.values().length)];
        KillPlan plan = !atPoint ? KillPlan.NONE
                : new KillPlan(after, point, victim == Victim.COORDINATOR ? Stop.HALT : Stop.PAUSE);
        try (CoordinatorProcess coordinator = startCoordinator(plan)) {
            lastWork = "";
            try {
                return killDuring(coordinator, random, victim, plan, after);
            } finally {
                lastWork = "last working coordinator (" + victim + ", plan " + plan + "): " + coordinator.report();
            }
        }
    }

    private String killDuring(CoordinatorProcess coordinator, Random random, Victim victim, KillPlan plan, int after)
            throws Exception {
        boolean atPoint = plan != KillPlan.NONE;
        String moment;
        boolean reached;
        if (atPoint) {
            moment = "at " + plan.point() + " of transaction " + after;
            reached = coordinator.awaitCount(plan.stop() == Stop.HALT ? "HALT" : "PAUSED", 1, STEP);
        } else {
            String event = random.nextBoolean() ? "COMMITTED" : "PREPARED";
            moment = "after " + after + " " + event;
            reached = coordinator.awaitCount(event, after, STEP);
        }
        if (!reached) {
            return victim + " not killed: the coordinator exited first (" + coordinator.awaitExit(STEP) + ")";
        }
        if (victim != Victim.BROKER) {
            coordinator.kill();
        }
        if (victim != Victim.COORDINATOR) {
            broker.kill();
        }
        String coordinatorEnd = "killed";
        if (victim == Victim.BROKER) {
            if (atPoint) {
                // Resumed once the client saw the connection fail, so this kill point is deterministic; the race
                // of a commit with that detection is XaCrashMatrixTest's brokerKilledJustBeforeOurCommit... case.
                coordinator.awaitLine("CONNECTION_FAILED", STEP);
                coordinator.resume();
            }
            int status = coordinator.awaitExit(STEP);
            coordinatorEnd = "exit " + status + " " + coordinator.lines().stream()
                    .filter(l -> l.startsWith("BROKER_LOST") || l.startsWith("FAILED") || l.startsWith("ROLLED_BACK"))
                    .toList();
        }
        if (!broker.isAlive()) {
            startBroker();
        }
        return victim + " killed " + moment + " (" + coordinator.count("COMMITTED") + " committed, coordinator "
                + coordinatorEnd + ")";
    }

    /** A coordinator without a kill plan handles every request left; returns how it ended. */
    private String finish() throws Exception {
        try (CoordinatorProcess coordinator = startCoordinator(KillPlan.NONE)) {
            int status = coordinator.awaitExit(Duration.ofMinutes(5));
            assertThat(status).as("the last coordinator ran to the end; %s", coordinator.report()).isZero();
            assertThat(coordinator.count("EMPTY")).isEqualTo(1);
            return "last coordinator committed " + coordinator.count("COMMITTED");
        }
    }

    private CoordinatorProcess startCoordinator(KillPlan plan) throws Exception {
        return CoordinatorProcess.start(dir.resolve("coordinator-" + ++coordinatorStarts),
                List.of("work", objectStore.toString(), ledgerFile.toString(), broker.url(), "0", plan.toString()));
    }

    private String recover() throws Exception {
        try (CoordinatorProcess recovery = CoordinatorProcess.start(dir.resolve("recovery-" + ++coordinatorStarts),
                List.of("recover", objectStore.toString(), ledgerFile.toString(), broker.url()))) {
            int status = recovery.awaitExit(STEP);
            assertThat(status).as("recovery completed; %s\n%s", recovery.report(), lastWork).isZero();
            return recovery.first("RECOVERED").orElseThrow();
        }
    }

    private void startBroker() throws Exception {
        broker = BrokerProcess.start(data, name, dir.resolve("broker-" + ++brokerStarts + ".err"));
    }

    /**
     * After recovery: nothing in doubt; the replies (drained into {@link #replies}) and the rows name the same
     * requests, each once; the requests on the queue are the others. Returns the requests left.
     */
    private List<String> checkAgreement(List<String> ids) throws Exception {
        BrokerProbe probe = new BrokerProbe(broker.url());
        assertThat(probe.inDoubt()).as("branches in doubt in the broker after recovery").isEmpty();
        assertThat(ledger.inDoubt()).as("transactions in doubt in H2 after recovery").isZero();
        for (Received reply : probe.drain(RequestWorkflow.REPLIES, QUIET_MS)) {
            replies.add(reply.id());
        }
        List<String> rows = ledger.requestIds();
        List<String> left = probe.browse(RequestWorkflow.REQUESTS);
        assertThat(rows).as("no request has two rows").doesNotHaveDuplicates();
        assertThat(replies).as("no request has two replies").doesNotHaveDuplicates();
        assertThat(left).as("no request is twice on the queue").doesNotHaveDuplicates();
        assertThat(replies).as("replies and rows name the same requests").containsExactlyInAnyOrderElementsOf(rows);
        Set<String> accounted = new HashSet<>(rows);
        accounted.addAll(left);
        assertThat(accounted).as("every request has a row or is still on the queue, not both")
                .hasSize(rows.size() + left.size()).containsExactlyInAnyOrderElementsOf(ids);
        return left;
    }
}
