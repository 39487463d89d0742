package org.messagestore.store.xodus;

/** Stopping the store's own threads. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, however often the caller is interrupted: the environment
     * must not close under a running write. The caller's interrupt status is kept.
     */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
