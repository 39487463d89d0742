package org.messagestore.model;

/**
 * Whether the calling thread may be kept waiting for the disk. A store that writes on a thread of its
 * own may write on the caller's thread instead, while that writer is idle, and so save two thread
 * hand-overs (to the writer and back); that is right only for a thread that would wait for the answer
 * anyway, such as an application's thread making a synchronous send. A thread that would not, says so
 * here before it calls the broker: a network event loop with other connections or more requests to
 * read, or an application's thread sending asynchronously (its next sends could share the sync).
 *
 * <p>Threads: each thread sets and reads its own answer; a thread that never set it may wait.
 */
public final class DiskWaits {

    private static final ThreadLocal<Boolean> REFUSED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private DiskWaits() {
    }

    /** Says whether the calling thread may be kept waiting for the disk from now on. */
    public static void allow(boolean allowed) {
        REFUSED.set(!allowed);
    }

    /** Whether the calling thread may be kept waiting for the disk. */
    public static boolean allowed() {
        return !REFUSED.get();
    }
}
