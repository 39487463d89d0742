package org.messagestore.client;

/**
 * Lazy acknowledgement, for DUPS_OK_ACKNOWLEDGE and for AUTO_ACKNOWLEDGE with the factory option
 * {@code lazyAutoAcknowledge=true}: consumed messages are acknowledged in batches and nobody waits for
 * the disk, as Jakarta Messaging 3.1 §6.2.10 allows for DUPS_OK ("lazy acknowledgment"). A batch goes
 * when half the prefetch was consumed since the last one, when the session has nothing more buffered
 * (so a trickle is acknowledged message by message), and before the session closes. The price: after
 * a crash of the broker, or of the client before a batch went, the messages of that batch come again.
 *
 * <p>Threads: called by the thread the session delivers on and by {@code close}; synchronized, cheap.
 */
final class LazyAcknowledgements {

    private final ClientSession session;
    private final int batch;
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

    /** Acknowledges what was consumed so far, without waiting. */
    synchronized void flush() {
        if (unacknowledged > 0) {
            unacknowledged = 0;
            session.link().acknowledgeLazily(session.id());
        }
    }
}
