package org.messagestore.store.xodus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoreOperation;

/** A store that delegates to another and counts the batches handed to it, so a test knows when work is queued. */
final class CountingApplies implements MessageStore {

    private final MessageStore delegate;
    private final AtomicInteger applies = new AtomicInteger();

    CountingApplies(MessageStore delegate) {
        this.delegate = delegate;
    }

    int applies() {
        return applies.get();
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        CompletableFuture<Void> result = delegate.apply(operations);
        applies.incrementAndGet();
        return result;
    }

    @Override
    public RecoveredState recover() {
        return delegate.recover();
    }

    @Override
    public ReferenceCursor openCursor(QueueId queue, long afterPosition) {
        return delegate.openCursor(queue, afterPosition);
    }

    @Override
    public ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        return delegate.readScheduled(index, queue, after, upTo, max);
    }

    @Override
    public boolean survivesRestart() {
        return delegate.survivesRestart();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
