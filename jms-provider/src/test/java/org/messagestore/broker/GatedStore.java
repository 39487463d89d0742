package org.messagestore.broker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;

/**
 * A store that delegates to another but, while its gate is closed, holds every batch back, as a
 * group-committing store holds the batches that wait for the writer's next flush: a held batch is
 * applied and completed, in order, when the test opens the gate, or fails unapplied.
 */
final class GatedStore extends ForwardingMessageStore {

    private record Held(List<StoreOperation> operations, CompletableFuture<Void> completion) {
    }

    private final Deque<Held> held = new ArrayDeque<>();
    private boolean closed;

    GatedStore(MessageStore delegate) {
        super(delegate);
    }

    synchronized void closeGate() {
        closed = true;
    }

    /** Applies and completes the held batches, in order, and lets later ones through. */
    void open() {
        List<Held> release;
        synchronized (this) {
            closed = false;
            release = List.copyOf(held);
            held.clear();
        }
        for (Held h : release) {
            delegate.apply(h.operations()).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    h.completion().complete(null);
                } else {
                    h.completion().completeExceptionally(failure);
                }
            });
        }
    }

    /** Fails the held batches (nothing of them is applied) and lets later ones through. */
    void failHeld() {
        List<Held> release;
        synchronized (this) {
            closed = false;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(h -> h.completion().completeExceptionally(new java.io.IOException("disk full (simulated)")));
    }

    synchronized int heldBatches() {
        return held.size();
    }

    /** While the gate is closed a batch waits, unapplied, until {@link #open} or {@link #failHeld}. */
    @Override
    public synchronized CompletableFuture<Void> apply(List<StoreOperation> operations) {
        if (!closed && held.isEmpty()) {
            return delegate.apply(operations);
        }
        CompletableFuture<Void> completion = new CompletableFuture<>();
        held.add(new Held(operations, completion));
        return completion;
    }

    @Override
    public String description() {
        return "gated " + delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
