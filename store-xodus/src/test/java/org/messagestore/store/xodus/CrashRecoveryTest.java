package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.open;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, Testing: a writer in a child JVM is killed with SIGKILL at a random moment; after
 * reopening, every send whose future completed is there exactly once unless an acknowledgement was
 * submitted for it (an acknowledgement in flight at the kill may or may not have committed), and every
 * completed acknowledgement is gone.
 */
class CrashRecoveryTest {

    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void completedSendsSurviveSigkillExactlyOnceAndCompletedAcksStayGone() throws Exception {
        Path data = dir.resolve("data");
        ReportedDurable reported = new ReportedDurable();
        long nextId = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            CrashWriterRun writer = CrashWriterRun.start(data, nextId, dir.resolve("child-" + nextId + ".err"));
            writer.awaitCompletions(ThreadLocalRandom.current().nextInt(200, 2000));
            writer.kill();
            nextId = Math.max(nextId + 1, reported.add(writer));

            try (XodusMessageStore store = open(data)) {
                reported.assertHeldBy(store, "kill " + kill);
                assertThat(store.recover().highestMessageId()).isGreaterThanOrEqualTo(reported.highestAdded());
                // next run continues above every id the killed writer may have used
                nextId = Math.max(nextId, store.recover().highestMessageId() + 1);
            }
        }
    }
}
