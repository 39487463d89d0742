package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.messagestore.store.MessageStore;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

/** A store that delegates to another and can be told to fail its next batch, applying none of it. */
final class FailingStore implements MessageStore {

    private final MessageStore delegate;
    private final AtomicBoolean failNext = new AtomicBoolean();

    FailingStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    void failNextBatch() {
        failNext.set(true);
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
        return delegate.openCursor(queue, afterPosition);
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        if (failNext.compareAndSet(true, false)) {
            return CompletableFuture.failedFuture(new java.io.IOException("disk full (simulated)"));
        }
        return delegate.apply(operations);
    }

    @Override
    public boolean survivesRestart() {
        return delegate.survivesRestart();
    }

    @Override
    public String description() {
        return "failing " + delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
