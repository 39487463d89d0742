package org.messagestore.broker;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs short tasks at a given time; used to wake a queue's dispatch when its earliest held message
 * becomes due: a delayed message (Jakarta Messaging 3.1, 7.9 "Delivery delay"), or one waiting out its
 * {@link RedeliveryPolicy} redelivery delay.
 *
 * <p>Threads: one daemon thread, {@code messagestore-scheduler-<broker name>}, started on first use,
 * owned by the {@link Broker} and stopped by {@link Broker#close()}. Tasks run queue dispatch, which
 * takes the queue lock and calls only non-blocking sinks; they must never block. After close, new
 * tasks are dropped silently (the broker is going away).
 */
final class DeliveryScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    DeliveryScheduler(String brokerName) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "messagestore-scheduler-" + brokerName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} at {@code epochMillis} (at once if that has passed). */
    void runAt(long epochMillis, Runnable task) {
        long delay = Math.max(0, epochMillis - System.currentTimeMillis());
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a scheduled delivery task failed", e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("scheduler closed; dropping a task due at {}", epochMillis);
        }
    }

    /** Stops the thread; pending tasks are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the delivery scheduler thread did not stop within 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
