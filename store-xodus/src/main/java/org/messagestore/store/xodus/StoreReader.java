package org.messagestore.store.xodus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;

/**
 * Runs the store's reads (recovery, cursor pages, schedule pages) in short read-only Xodus transactions on the
 * store's own reader thread ({@code messagestore-store-reader-<dir>}), never on the caller's: a
 * caller that is interrupted inside a Xodus read would close a Xodus file channel and make the
 * environment inoperative (notes/xodus-measurements.md, section 5). Read-only transactions never
 * block the writer (MVCC, section 5), and each read finishes its transaction, so no reader pins old
 * log files against GC (pitfall 6).
 *
 * <p>Threads: {@link #read} from any thread; the caller waits uninterruptibly (keeping its interrupt
 * status) for the reader thread.
 */
final class StoreReader implements AutoCloseable {

    private final Environment env;
    private final ExecutorService executor;
    private final String description;

    StoreReader(Environment env, String threadSuffix, String description) {
        this.env = env;
        this.description = description;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "messagestore-store-reader-" + threadSuffix);
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> T read(Function<Transaction, T> work) {
        CompletableFuture<T> result;
        try {
            result = CompletableFuture.supplyAsync(() -> {
                Transaction txn = env.beginReadonlyTransaction();
                try {
                    return work.apply(txn);
                } finally {
                    txn.abort();
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(description + " is closed", e);
        }
        try {
            return result.join(); // join() does not give up on interrupt; it keeps the interrupt status
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Lets a running read finish, then stops the reader thread. */
    @Override
    public void close() {
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
