package org.messagestore.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;

/** A store that delegates to another and can be told to fail its next batch, applying none of it. */
final class FailingStore extends ForwardingMessageStore {

    private final AtomicBoolean failNext = new AtomicBoolean();

    FailingStore(MessageStore delegate) {
        super(delegate);
    }

    void failNextBatch() {
        failNext.set(true);
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOperation> operations) {
        if (failNext.compareAndSet(true, false)) {
            return CompletableFuture.failedFuture(new java.io.IOException("disk full (simulated)"));
        }
        return delegate.apply(operations);
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
