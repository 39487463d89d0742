package org.messagestore.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Lazy acknowledgement, for DUPS_OK_ACKNOWLEDGE and for AUTO_ACKNOWLEDGE with the factory option
 * {@code lazyAutoAcknowledge=true}: consumed messages are acknowledged in batches and nobody waits for
 * the disk, as Jakarta Messaging 3.1 §6.2.10 allows for DUPS_OK ("lazy acknowledgment"). A batch goes
 * when half the prefetch was consumed since the last one, when the session has nothing more buffered
 * (so a trickle is acknowledged message by message), and before the session closes. At most
 * {@value #UNWRITTEN_BATCHES} batches may be on their way to the disk; the next waits for the oldest.
 * So a crash brings back at most the batch being filled plus those on their way: with the default
 * prefetch of 1,000, 1,500 messages; a smaller prefetch makes that window smaller.
 *
 * <p>Threads: called by the thread the session delivers on and by {@code close}; synchronized.
 */
final class LazyAcknowledgements {

    static final int UNWRITTEN_BATCHES = 2;

    private final ClientSession session;
    private final int batch;
    private final ArrayDeque<CompletableFuture<Void>> unwritten = new ArrayDeque<>();
    private int unacknowledged;

    LazyAcknowledgements(ClientSession session, int prefetch) {
        this.session = session;
        this.batch = Math.max(1, prefetch / 2);
    }

    /** A message was handed to the application. */
    synchronized void consumed() {
        unacknowledged++;
        if (unacknowledged >= batch || !session.anyBuffered()) {
            flush();
        }
    }

    /** Acknowledges what was consumed so far, waiting only while too many batches are unwritten. */
    synchronized void flush() {
        if (unacknowledged == 0) {
            return;
        }
        unacknowledged = 0;
        unwritten.removeIf(CompletableFuture::isDone);
        if (unwritten.size() >= UNWRITTEN_BATCHES) {
            // A failed batch needs no handling here: its messages simply come again, as lazy ones may.
            unwritten.poll().exceptionally(failure -> null).join();
        }
        unwritten.add(session.link().acknowledgeLazily(session.id()));
    }
}
