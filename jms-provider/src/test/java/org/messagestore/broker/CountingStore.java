package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;

/** A store that counts the references its cursors return, over another store (which it does not close). */
final class CountingStore implements MessageStore {

    private final MessageStore delegate;
    private final AtomicLong referencesRead = new AtomicLong();
    private final AtomicLong pagesRead = new AtomicLong();

    CountingStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    long referencesRead() {
        return referencesRead.get();
    }

    long pagesRead() {
        return pagesRead.get();
    }

    @Override
    public RecoveredState recover() {
        return delegate.recover();
    }

    @Override
    public ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        return delegate.readScheduled(index, queue, after, upTo, max);
    }

    @Override
    public ReferenceCursor openCursor(QueueId queue, long afterPosition) {
        ReferenceCursor cursor = delegate.openCursor(queue, afterPosition);
        return new ReferenceCursor() {
            @Override
            public List<StoredReference> next(int max) {
                List<StoredReference> page = cursor.next(max);
                pagesRead.incrementAndGet();
                referencesRead.addAndGet(page.size());
                return page;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        return delegate.apply(operations);
    }

    @Override
    public boolean survivesRestart() {
        return delegate.survivesRestart();
    }

    @Override
    public String description() {
        return "counting " + delegate.description();
    }

    @Override
    public void close() {
    }
}
