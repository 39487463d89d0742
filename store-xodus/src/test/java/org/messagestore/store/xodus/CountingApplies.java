package org.messagestore.store.xodus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;

/** A store that delegates to another and counts the batches handed to it, so a test knows when work is queued. */
final class CountingApplies extends ForwardingMessageStore {

    private final AtomicInteger applies = new AtomicInteger();

    CountingApplies(MessageStore delegate) {
        super(delegate);
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
    public void close() {
        delegate.close();
    }
}
