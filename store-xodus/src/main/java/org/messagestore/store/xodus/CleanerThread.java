package org.messagestore.store.xodus;

import jetbrains.exodus.core.execution.ThreadJobProcessor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.gc.GarbageCollector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Xodus's garbage collector (its "background cleaner", which also deletes reclaimed log files)
 * on a thread named {@code messagestore-store-cleaner-<dir>} instead of Xodus's
 * {@code Exodus background cleaner for <path>}, so every per-store thread carries our prefix.
 *
 * <p>Xodus names that thread itself when the environment opens; {@code GarbageCollector
 * .setCleanerJobProcessor} (public, meant for sharing one cleaner between environments) hands the
 * cleaner's jobs to a processor we name. The switch runs as a job on the old thread, which is then
 * finished; {@code env.close()} finishes ours. Xodus's remaining threads are JVM-wide and shared by
 * all environments, with names Xodus fixes ({@code Exodus shared timer thread}, {@code Exodus shared
 * deferred I/O job processor}, {@code Exodus shared stuck transaction monitor},
 * {@code threadJobProcessorPoolSpawner}); they are not the store's to rename or stop.
 *
 * <p>Threads: runs on the thread opening the store.
 */
final class CleanerThread {

    private static final Logger LOG = LoggerFactory.getLogger(CleanerThread.class);
    /** How long to spin between checks while waiting for Xodus's cleaner thread to take the switch job. */
    private static final long SPIN_MILLIS = 10;

    private CleanerThread() {
    }

    static void rename(Environment env, String threadSuffix) {
        if (!(env instanceof EnvironmentImpl impl) || !(impl.getGC().getCleanerJobProcessor() instanceof ThreadJobProcessor original)) {
            return; // a shared cleaner (log cache shared): not this store's thread to rename
        }
        GarbageCollector gc = impl.getGC();
        ThreadJobProcessor named = new ThreadJobProcessor("messagestore-store-cleaner-" + threadSuffix);
        gc.setCleanerJobProcessor(named);
        original.waitForJobs(SPIN_MILLIS);
        if (gc.getCleanerJobProcessor() == named) {
            original.finish();
        } else {
            LOG.warn("{}: Xodus did not switch its cleaner to our thread; it keeps running on '{}'", env.getLocation(), original.getName());
            named.finish();
        }
    }
}
