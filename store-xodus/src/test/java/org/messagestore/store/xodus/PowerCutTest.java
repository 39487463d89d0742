package org.messagestore.store.xodus;

import static org.messagestore.store.xodus.StoreTesting.open;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Xodus commits without a sync ({@link ChangeJournal}), so a killed process is not enough to test
 * durability: the commits it wrote are still in the OS's cache and reach the disk anyway. Here the
 * store runs on a loop-mounted ext4 image; at a random moment the writer is frozen and the image
 * copied, which is what the disk held at that instant, without what the OS had not yet written. The
 * copy, mounted, is the disk after a power cut: every send reported durable must be there (unless an
 * acknowledgement was submitted for it), and every acknowledgement reported durable must stay done.
 */
class PowerCutTest {

    private static final int CUTS = Integer.getInteger("crash.iterations", 3);
    private static final long DISK_BYTES = 128L << 20;

    @TempDir
    Path dir;

    @Test
    void completedSendsAndAcknowledgementsSurviveAPowerCut() throws Exception {
        for (int cut = 0; cut < CUTS; cut++) {
            Path image = dir.resolve("disk-" + cut + ".img");
            Path atCut = dir.resolve("disk-" + cut + "-at-cut.img");
            ReportedDurable reported = new ReportedDurable();
            try (LoopDisk disk = LoopDisk.create(image, DISK_BYTES, dir.resolve("mnt-" + cut))) {
                CrashWriterRun writer = CrashWriterRun.start(disk.root().resolve("data"), 1, dir.resolve("child-" + cut + ".err"));
                try {
                    writer.awaitCompletions(ThreadLocalRandom.current().nextInt(500, 4000));
                    writer.freeze();
                    Files.copy(image, atCut);
                } finally {
                    writer.kill(); // a frozen writer would keep the disk busy
                }
                reported.add(writer);
            }
            try (LoopDisk disk = LoopDisk.mount(atCut, dir.resolve("mnt-" + cut + "-at-cut"));
                 XodusMessageStore store = open(disk.root().resolve("data"))) {
                reported.assertHeldBy(store, "cut " + cut);
            }
            Files.delete(image);
            Files.delete(atCut);
        }
    }
}
