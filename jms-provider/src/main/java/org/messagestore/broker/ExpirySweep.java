package org.messagestore.broker;

/**
 * When a durable queue next looks for expired messages among those it does not hold in memory (the
 * store-only part of a paging queue, and delayed messages waiting in the store). Jakarta Messaging
 * 3.1, 3.4.9 lets a provider drop an expired message at any time; doing it while the message is still
 * in the store keeps a deep queue from carrying dead messages until a consumer reaches them, and moves
 * them to the expiry queue in good time, as an Artemis user expects of its expiry scanner.
 *
 * <p>A sweep reads the store's {@link org.messagestore.store.ScheduleIndex#EXPIRATION} index up to now
 * and is run again when the next indexed expiration comes, or when a message that expires stays in the
 * store, but never more often than every {@link #MIN_INTERVAL_MILLIS}: the index also holds references
 * in memory, which a sweep skips, and they must not make it spin.
 *
 * <p>Threads: every method is called with the owning {@link MessageQueue}'s lock held; the sweep
 * itself runs on the broker's {@link PageReader} thread.
 */
final class ExpirySweep {

    static final long MIN_INTERVAL_MILLIS = 1_000;

    private long nextSweepAt;
    private long lastSweepStarted = Long.MIN_VALUE / 2;
    private boolean running;
    /** The earliest expiration seen while a sweep ran, which it may have missed. */
    private long noticedDuringSweep = Long.MAX_VALUE;

    private ExpirySweep(long nextSweepAt) {
        this.nextSweepAt = nextSweepAt;
    }

    /** A new queue: nothing stored yet. */
    static ExpirySweep idle() {
        return new ExpirySweep(Long.MAX_VALUE);
    }

    /** A queue found in the store at start: swept at once. */
    static ExpirySweep recovered() {
        return new ExpirySweep(Long.MIN_VALUE);
    }

    long nextSweepAt() {
        return nextSweepAt;
    }

    /** A reference that stays in the store only expires at {@code expiration} (0: never): a sweep must come by then. */
    void expiresAt(long expiration) {
        if (expiration != 0) {
            long at = Math.max(expiration, lastSweepStarted + MIN_INTERVAL_MILLIS);
            nextSweepAt = Math.min(nextSweepAt, at);
            noticedDuringSweep = Math.min(noticedDuringSweep, at);
        }
    }

    /** Whether a sweep should start now; marks it started. */
    boolean shouldSweep(long now) {
        if (running || nextSweepAt > now) {
            return false;
        }
        running = true;
        lastSweepStarted = now;
        noticedDuringSweep = Long.MAX_VALUE;
        return true;
    }

    /** The sweep ended; {@code nextExpiration} is the first indexed expiration after it (or MAX_VALUE). */
    void swept(long nextExpiration) {
        running = false;
        long next = nextExpiration == Long.MAX_VALUE
                ? Long.MAX_VALUE : Math.max(nextExpiration, lastSweepStarted + MIN_INTERVAL_MILLIS);
        nextSweepAt = Math.min(next, noticedDuringSweep);
    }

    /** The queue was deleted. */
    void clear() {
        nextSweepAt = Long.MAX_VALUE;
    }
}
