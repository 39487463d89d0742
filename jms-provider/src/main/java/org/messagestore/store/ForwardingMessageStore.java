package org.messagestore.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link MessageStore} that forwards every call to another: extend it to decorate a store (count,
 * delay or fail some calls) by overriding only the calls that matter. Closing it closes the store it
 * wraps, unless {@link #close} is overridden.
 */
public abstract class ForwardingMessageStore implements MessageStore {

    protected final MessageStore delegate;

    protected ForwardingMessageStore(MessageStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
    public Optional<StoreMetrics> metrics() {
        return delegate.metrics();
    }

    @Override
    public long countReferences(QueueId queue) {
        return delegate.countReferences(queue);
    }

    @Override
    public ScheduleIndex.Page readScheduled(ScheduleIndex index, QueueId queue, ScheduleIndex.Key after, long upTo, int max) {
        return delegate.readScheduled(index, queue, after, upTo, max);
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
        return delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
