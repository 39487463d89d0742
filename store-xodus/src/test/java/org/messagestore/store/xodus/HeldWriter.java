package org.messagestore.store.xodus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.messagestore.model.DiskWaits;
import org.messagestore.store.StoreOperation;

/**
 * Holds a store's group-commit writer thread inside the completion of a small batch, so that the
 * batches applied meanwhile queue up and are drained into one flush when the test lets go.
 */
final class HeldWriter implements AutoCloseable {

    private final CountDownLatch release;
    private final CompletableFuture<Void> gate;

    private HeldWriter(CountDownLatch release, CompletableFuture<Void> gate) {
        this.release = release;
        this.gate = gate;
    }

    /**
     * Returns once the writer is held. The gate batch is submitted as by a thread that may not wait
     * for the disk, so the writer thread flushes it (see {@link DiskWaits}). If it completes before its
     * callback is attached, the callback runs on the calling thread and holds nothing: then it tries again.
     */
    static HeldWriter hold(XodusMessageStore store) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        while (true) {
            CountDownLatch held = new CountDownLatch(1);
            CompletableFuture<Void> gate = applyForWriter(store, List.of(new StoreOperation.AddDestination(TestMessages.ORDERS)))
                    .thenRun(() -> {
                        if (Thread.currentThread().getName().startsWith("messagestore-store-writer")) {
                            held.countDown();
                            awaitQuietly(release);
                        }
                    });
            if (!gate.isDone() || held.getCount() == 0) {
                if (!held.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the writer thread was not held within 10 seconds");
                }
                return new HeldWriter(release, gate);
            }
        }
    }

    /** Applies {@code operations} as a thread that may not wait for the disk would: the writer thread flushes them. */
    static CompletableFuture<Void> applyForWriter(XodusMessageStore store, List<StoreOperation> operations) {
        DiskWaits.allow(false);
        try {
            return store.apply(operations);
        } finally {
            DiskWaits.allow(true);
        }
    }

    /** Lets the writer go on, and waits for the gate batch to complete. */
    @Override
    public void close() throws Exception {
        release.countDown();
        gate.get(10, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
