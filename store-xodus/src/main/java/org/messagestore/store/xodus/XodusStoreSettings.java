package org.messagestore.store.xodus;

import jetbrains.exodus.env.EnvironmentConfig;

/**
 * The tunables of a Xodus message store, and the Xodus {@link EnvironmentConfig} they produce. Each
 * Xodus setting below cites its reason; the measurements are in notes/xodus-measurements.md.
 *
 * @param logCacheBytes         memory for Xodus's log (page) cache of this environment
 * @param logFileSizeKb         size of each .xd log file, fixed when the directory is first created
 * @param maxOperationsPerFlush how many operations one group commit takes at most
 * @param maxBytesPerFlush      how many encoded message bytes one group commit takes at most
 * @param idleGcMillis          after this long without writes, the writer asks Xodus for a GC pass
 *                              (a few times after each burst of deletions), see {@link GroupCommitWriter}
 * @param diskReserveBytes      disk space kept in reserve so that acknowledgements still work on a full
 *                              disk; sends are refused while less than this is usable, see {@link DiskSpaceReserve}
 */
public record XodusStoreSettings(long logCacheBytes, int logFileSizeKb, int maxOperationsPerFlush, int maxBytesPerFlush,
                                 long idleGcMillis, long diskReserveBytes) {

    /** 64 MiB of log cache, or a tenth of the heap when that is smaller (but at least 8 MiB). */
    public static XodusStoreSettings defaults() {
        long tenthOfHeap = Runtime.getRuntime().maxMemory() / 10;
        long cache = Math.max(8L << 20, Math.min(64L << 20, tenthOfHeap));
        // The disk reserve: four default log files, room for Xodus GC to move the live rest of a few files
        // while the disk is full, and for the acknowledgements meanwhile (deletes append only B-tree pages;
        // BrokerFullDiskTest acknowledges 150 messages one by one in a 2 MiB reserve).
        return new XodusStoreSettings(cache, 2048, 10_000, 8 << 20, 2000, 8L << 20);
    }

    public XodusStoreSettings {
        if (logCacheBytes < (1 << 20) || logFileSizeKb < 64 || maxOperationsPerFlush < 1 || maxBytesPerFlush < 1
                || idleGcMillis < 1 || diskReserveBytes < 0) {
            throw new IllegalArgumentException("unusable Xodus store settings " + this);
        }
    }

    XodusStoreSettings withLogFileSizeKb(int kb) {
        return new XodusStoreSettings(logCacheBytes, kb, maxOperationsPerFlush, maxBytesPerFlush, idleGcMillis, diskReserveBytes);
    }

    public XodusStoreSettings withLogCacheBytes(long bytes) {
        return new XodusStoreSettings(bytes, logFileSizeKb, maxOperationsPerFlush, maxBytesPerFlush, idleGcMillis, diskReserveBytes);
    }

    public XodusStoreSettings withDiskReserveBytes(long bytes) {
        return new XodusStoreSettings(logCacheBytes, logFileSizeKb, maxOperationsPerFlush, maxBytesPerFlush, idleGcMillis, bytes);
    }

    EnvironmentConfig environmentConfig() {
        return new EnvironmentConfig()
                // Section 1: commit only write()s (a killed process loses nothing) and Xodus fsyncs a log
                // file when it starts the next. What makes a commit survive a power loss is the
                // ChangeJournal the writer syncs before committing: cheaper than Xodus's sync after an
                // append (section 2).
                .setLogDurableWrite(false)
                // Section 1 and pitfall 8: the log cache defaults to 50 % of the heap, shared by all
                // environments of the class loader. A broker sizes it explicitly, and two brokers in one
                // JVM (tests do this) must not share or resize each other's cache.
                .setLogCacheShared(false)
                .setMemoryUsage(logCacheBytes)
                // Section 3: 2 MB files are the unit GC reclaims; with 8 MB files a churned empty queue
                // kept 1-1.5 GB of dead log, with 2 MB files and the settings below at most 135 MB.
                // Fixed when the directory is created: Xodus refuses ("Unexpected file length") to open a
                // directory with another size, so EnvironmentOpener records it beside the data.
                .setLogFileSize(logFileSizeKb)
                // Section 3 "tuned2": start GC 1 s after open, run it every second, delete reclaimed
                // files at once; the dead space kept is about write rate x (run period + deletion delay).
                .setGcStartIn(1000)
                .setGcRunPeriod(1000)
                .setGcFilesDeletionDelay(0)
                // GC starts only once more than (100 - this) % of the log is dead, so the log settles near
                // live / (this %) plus what is written meanwhile. ChurnBenchmark (4 + 4 clients, 1 KiB, batch 100,
                // standing backlog 100,000 = ~160-190 MiB live): with Xodus's default 50 the directory averaged
                // 2.24x the live data (max 2.9x) at 63 k msg/s over 5 min and stayed at 1.8x when idle; with 75,
                // 1.53x (max 2.1x) at 56 k msg/s over 10 min, 1.25x idle. The price: GC also compacts files that
                // are 25-50 % dead (moving their live rest), which a FIFO queue rarely leaves behind.
                .setGcMinUtilization(75)
                // Pitfall 5: a GC pass holds an exclusive transaction, blocking the writer; cap it at
                // 100 ms instead of 500 ms to bound the stall added to commit latency.
                .setGcTransactionTimeout(100)
                // Invariant of GroupCommitWriter: a write transaction stays on the thread that began it.
                // Xodus checks it for us.
                .setEnvTxnSingleThreadWrites(true)
                // After an I/O failure a transaction may be left unfinished inside Xodus; close() must
                // still release the directory lock so another broker (or a restart) can open it.
                .setEnvCloseForcedly(true);
    }
}
