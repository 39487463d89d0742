package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.XAConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * An XA call that meets a broker killed a moment ago fails with XAER_RMFAIL, whatever it races: the
 * request may be answered, lost with the connection, or written to a socket already closed before the
 * client noticed. XAER_RMFAIL tells a transaction manager that the outcome is unknown and recovery must
 * ask again; XAER_RMERR on commit would be read as a heuristic rollback (Narayana logs it so and never
 * commits the branch, which stays prepared in the broker). Back-to-back calls from one thread rarely hit
 * the narrow window in which a write fails before the connection failure is recorded; XaCrashMatrixTest's
 * brokerKilledJustBeforeOurCommit... case is the one that found it.
 */
class XaBrokerLossTest {

    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void commitsRacingABrokerKillFailWithRmfailNeverRmerr() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker-" + round), "loss-" + round,
                    dir.resolve("broker-" + round + ".err"));
                 XAConnection connection = new MessageStoreConnectionFactory(broker.url()).createXAConnection()) {
                XAResource resource = connection.createXASession().getXAResource();
                Xid unknown = new XaRecoveryTest.SimpleXid(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
                Thread killer = new Thread(() -> {
                    try {
                        broker.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "xa-broker-loss-killer");
                killer.start();
                // Commits of an unknown branch, back to back, answered XAER_NOTA while the broker lives.
                XAException first = null;
                while (first == null) {
                    try {
                        resource.commit(unknown, false);
                    } catch (XAException e) {
                        if (e.errorCode != XAException.XAER_NOTA) {
                            first = e;
                        }
                    }
                }
                killer.join();
                failures.add(first.errorCode + " " + first.getMessage().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1"));
            }
        }
        System.out.printf("xa broker loss: first failure of %d rounds: %s%n", ROUNDS, failures);
        assertThat(failures).allMatch(f -> f.startsWith(XAException.XAER_RMFAIL + " "));
    }
}
