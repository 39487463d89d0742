package org.messagestore.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's storage contract: where persistent messages, acknowledgements, delivery counts,
 * durable destinations, durable subscriptions and prepared XA work live. Modelled on a journal:
 * everything is a {@link StoreOperation} appended in batches, and {@link #recover} hands back the
 * committed state plus the prepared transactions.
 *
 * <p>Threads: every method may be called from any thread. {@link #apply} returns at once; the future
 * completes when the batch is durable, on a thread of the store's choosing (a group-committing store
 * completes it on its writer thread, the in-memory store on the caller's). Batches are applied in
 * the order {@code apply} was called, and their futures complete in that order. Callers must not
 * hold locks that the completion needs, and must not block inside a completion.
 *
 * <p>Lifecycle: {@link #recover} first, then {@link #openCursor} for each stored queue, then writes.
 * Whoever opened a store closes it.
 */
public interface MessageStore extends AutoCloseable {

    /** Reads what is stored: destinations, durable subscriptions, prepared transactions. */
    RecoveredState recover();

    /**
     * The pending (committed, unacknowledged) references of one stored queue in the order they were
     * added, with their delivery counts. Call after {@link #recover} and before writing to that queue.
     */
    ReferenceCursor openCursor(QueueId queue);

    /**
     * Applies {@code operations} as one atomic batch. Completes normally when the batch is durable, or
     * exceptionally (nothing of the batch applied) when it cannot be.
     */
    CompletableFuture<Void> apply(List<StoreOperation> operations);

    /** Whether what this store holds outlives the JVM (false for the in-memory store). */
    boolean survivesRestart();

    /** A short description for logs, e.g. {@code xodus at ./data}. */
    String description();

    /** Completes pending batches and releases the store's threads and files. */
    @Override
    void close();
}
