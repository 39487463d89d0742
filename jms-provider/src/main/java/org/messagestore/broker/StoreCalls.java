package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;

/** Blocking store writes for client calls that must return only when their work is durable. */
final class StoreCalls {

    private StoreCalls() {
    }

    /** Applies {@code work} and waits; does nothing for an empty batch. */
    static void await(MessageStore store, List<StoreOperation> work, String what) throws JMSException {
        if (work.isEmpty()) {
            return;
        }
        await(store.apply(work), what);
    }

    /** Applies {@code work} without waiting; a failure becomes the JMSException {@link #failure} makes. */
    static CompletableFuture<Void> apply(MessageStore store, List<StoreOperation> work, String what) {
        return store.apply(work).handle((stored, cause) -> {
            if (cause != null) {
                throw new CompletionException(failure(what, cause));
            }
            return null;
        });
    }

    /** Waits for store work already applied; a failure becomes the JMSException {@link #failure} makes. */
    static void await(CompletableFuture<?> stored, String what) throws JMSException {
        try {
            stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    /**
     * The exception a client sees when the store fails. A store that names the JMS failure itself
     * (ResourceAllocationException for a full disk) is passed through unchanged, so the client can
     * tell "retry later" from other failures.
     */
    static JMSException failure(String what, Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof JMSException jms) {
            return jms;
        }
        JMSException e = new JMSException("the broker could not " + what + ": the store failed (" + root.getMessage() + ")");
        if (root instanceof Exception exception) {
            e.setLinkedException(exception);
        }
        e.initCause(root);
        return e;
    }
}
