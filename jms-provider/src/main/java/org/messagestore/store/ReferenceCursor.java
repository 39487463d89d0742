package org.messagestore.store;

import java.util.List;

/**
 * Reads the pending references of one stored queue, oldest first, a page at a time, so that a store
 * can load message bodies lazily and the broker can hold a bounded window of a long queue.
 */
public interface ReferenceCursor extends AutoCloseable {

    /** Up to {@code max} further references; an empty list at the end. */
    List<StoredReference> next(int max);

    @Override
    void close();
}
