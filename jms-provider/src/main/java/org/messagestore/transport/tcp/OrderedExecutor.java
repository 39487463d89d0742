package org.messagestore.transport.tcp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's broker calls one at a time, in the order they were submitted, on a pool
 * shared by all connections: the event loop hands work here so that a call that waits (for the
 * store, for a commit) never stalls it, and one connection never holds more than one pool thread.
 *
 * <p>A task that never waits (or waits only for the store, on a loop with nothing else to serve) may
 * instead {@linkplain #executeHere run on the caller's thread} when nothing of the connection is queued
 * or running: the event loop then serves it without handing it over, which saves a thread wake-up on
 * every send and acknowledgement.
 *
 * <p>Threads: {@link #execute} and {@link #executeHere} are called by the connection's event loop
 * (and by store threads); tasks run on pool threads or inline, never two at once, each seeing the
 * effects of the one before.
 */
final class OrderedExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    OrderedExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Runs {@code task} now on this thread if the connection has nothing queued or running, else
     * queues it as {@link #execute} does. Only for tasks that never wait, or that wait for the store on a
     * loop that serves nothing else: the caller is an event loop.
     */
    void executeHere(Runnable task) {
        if (!tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            execute(task);
            return;
        }
        try {
            run(task);
        } finally {
            scheduled.set(false);
            schedule(); // a task queued while this one ran
        }
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The acceptor is shutting down: finish the work (e.g. closing the broker connection) here.
                drain();
            }
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a broker call of a TCP connection failed unexpectedly", e);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                run(task);
            }
        } finally {
            scheduled.set(false);
            // A task added after the last poll but before the flag was cleared must not be stranded.
            schedule();
        }
    }
}
