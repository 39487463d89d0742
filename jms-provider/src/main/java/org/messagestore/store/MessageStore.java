package org.messagestore.store;

import java.util.List;
import java.util.Optional;
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
 * <p>Lifecycle: {@link #recover} first; then writes, and cursors at any time (a broker pages each
 * stored queue in a bounded window at a time, see {@link #openCursor}). Whoever opened a store closes it.
 */
public interface MessageStore extends AutoCloseable {

    /** The {@code afterPosition} that starts a cursor at a queue's first reference. */
    long FROM_START = -1;

    /** Reads what is stored: destinations, durable subscriptions, prepared transactions. */
    RecoveredState recover();

    /**
     * Reads the pending (committed, not removed) references of one stored queue whose
     * {@linkplain StoredReference#position() position} is greater than {@code afterPosition}, in
     * position order (the order they were added), with their current delivery counts.
     *
     * <p>What a cursor sees: every reference committed (its batch's future completed) before the
     * cursor was opened and not removed before the page that would return it is read. References
     * committed after opening may or may not be returned; references removed before their page is
     * read are not. A cursor never returns a reference twice, and never one at or before
     * {@code afterPosition}. To see later references, open a fresh cursor after the last position
     * returned: nothing committed in between is skipped, since positions only grow.
     *
     * <p>Threads: may be called from any thread, concurrently with {@link #apply}; reading a page may
     * block (a store does its I/O on its own threads, so an interrupt of the caller cannot harm it).
     *
     * @param afterPosition exclusive lower bound: {@link #FROM_START} (-1) for the whole queue, else the
     *                      position of the last reference already read
     */
    ReferenceCursor openCursor(QueueId queue, long afterPosition);

    /** What the store has done since it opened, for metrics; empty when the store keeps no account. */
    default Optional<StoreMetrics> metrics() {
        return Optional.empty();
    }

    /**
     * How many pending references {@code queue} holds, as {@link #openCursor} would return them: read
     * once per queue at broker start, so operators see a queue's depth beyond its paging window. The
     * default pages through a cursor; a store that can count without reading messages should.
     */
    default long countReferences(QueueId queue) {
        long count = 0;
        try (ReferenceCursor cursor = openCursor(queue, FROM_START)) {
            for (List<StoredReference> page = cursor.next(1_000); !page.isEmpty(); page = cursor.next(1_000)) {
                count += page.size();
            }
        }
        return count;
    }

    /**
     * Reads the pending references of one stored queue through one of its {@link ScheduleIndex}es:
     * those the index holds whose key ({@link ScheduleIndex.Key}: indexed time, then position) is
     * after {@code after} and whose indexed time is at or before {@code upTo}, in key order, at most
     * {@code max}, with their current delivery counts.
     *
     * <p>What a read sees is what {@link #openCursor} sees: every reference committed before the read
     * began and not removed, perhaps also later ones. A broker relies on one more property of every
     * store: positions grow in commit order within a queue, so a reference committed while a read
     * runs has a key after every key the read returns with the same time.
     *
     * <p>Threads: as {@link #openCursor}.
     *
     * @param after exclusive lower bound: {@link ScheduleIndex.Key#START} for the whole index, else
     *              the key of the last reference already read
     */
    ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max);

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
