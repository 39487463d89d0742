package org.messagestore.store;

import java.util.List;

/**
 * Reads the pending references of one stored queue, oldest first, a page at a time, so that a store
 * can load message bodies lazily and the broker can hold a bounded window of a long queue. What it
 * returns is specified by {@link MessageStore#openCursor(QueueId, long)}. A cursor is used by one
 * thread at a time; it holds no store resources between calls to {@link #next}, so a caller may keep
 * it or, as the broker does, read one page and resume later with a fresh cursor after the last
 * position.
 */
public interface ReferenceCursor extends AutoCloseable {

    /** Up to {@code max} further references, in position order; an empty list at the end. */
    List<StoredReference> next(int max);

    @Override
    void close();
}
