package org.messagestore.broker;

import jakarta.jms.ResourceAllocationException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The broker-wide memory limit (issue 5, "Flow control and memory"): counts the estimated bytes of
 * messages held in memory by all queues, and admits sends that need memory by the
 * {@link MemoryLimitPolicy}. Queues read {@link #full()} to decide whether persistent arrivals page.
 *
 * <p>A message is counted once per queue holding it (a topic message taken by three subscriptions
 * counts three times: conservative). Counting starts when a reference enters a queue's memory and
 * ends when it leaves for good (acknowledged, expired, moved, its queue deleted).
 *
 * <p>Blocked sends never hold a thread of the broker: each waits as a future in {@code waiting}, in
 * arrival order, and later sends that need memory queue behind it (Jakarta Messaging 3.1, 6.2.9.2:
 * order is kept within a delivery mode; persistent messages for durable queues do not wait, which the
 * spec allows). When memory is freed, the waiting sends are started on the broker's scheduler thread,
 * never under a queue lock; a send still waiting at its deadline fails with ResourceAllocationException.
 *
 * <p>Threads: {@code used} is atomic and may be changed under queue locks (this class takes no queue
 * lock); {@code waiting} is guarded by {@code this}, which is never held while a send runs.
 */
final class MemoryLimit {

    private final long limit;
    private final MemoryLimitPolicy policy;
    private final long blockTimeoutMillis;
    private final DeliveryScheduler scheduler;
    private final AtomicLong used = new AtomicLong();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private volatile boolean anyWaiting;
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();

    private static final class Waiting {
        final Supplier<CompletableFuture<Void>> send;
        final CompletableFuture<Void> result = new CompletableFuture<>();

        Waiting(Supplier<CompletableFuture<Void>> send) {
            this.send = send;
        }
    }

    MemoryLimit(FlowControl config, DeliveryScheduler scheduler) {
        this.limit = config.memoryLimit();
        this.policy = config.memoryLimitPolicy();
        this.blockTimeoutMillis = config.blockTimeout().toMillis();
        this.scheduler = scheduler;
    }

    /** Whether the broker holds as much as its limit allows (or more). */
    boolean full() {
        return used.get() >= limit;
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    /** Sends blocked now, waiting for memory. */
    synchronized int waitingSends() {
        return waiting.size();
    }

    /** A message entered a queue's memory. */
    void add(long bytes) {
        used.addAndGet(bytes);
    }

    /** A message left a queue's memory for good; may resume waiting sends (on the scheduler thread). */
    void release(long bytes) {
        if (used.addAndGet(-bytes) < limit && anyWaiting) {
            scheduleResume();
        }
    }

    /**
     * Runs the send of {@code message} to {@code address} now, or when memory allows by the policy. It
     * needs memory when it will stay in memory: it is not persistent, or one of the queues taking it
     * is not durable (a temporary queue, a non-durable subscription).
     */
    CompletableFuture<Void> admit(BrokerMessage message, Address address, Supplier<CompletableFuture<Void>> send) {
        if (!anyWaiting && !full()) {
            return send.get();
        }
        boolean needsMemory = !message.persistent() || address.targets(message).stream().anyMatch(q -> !q.durable());
        String what = (message.persistent() ? "a persistent" : "a non-persistent") + " message for " + address.name();
        return admit(needsMemory, what, send);
    }

    /**
     * Runs {@code send} now, or when memory allows by the policy.
     *
     * @param needsMemory whether the message will stay in memory (not persistent, or going to a queue
     *                    that cannot page); sends that do not need memory run at once
     * @param what        for the exception, e.g. {@code a non-persistent message for queue 'orders'}
     */
    CompletableFuture<Void> admit(boolean needsMemory, String what, Supplier<CompletableFuture<Void>> send) {
        if (!needsMemory || (!anyWaiting && !full())) {
            return send.get();
        }
        Waiting waiter;
        synchronized (this) {
            if (waiting.isEmpty() && !full()) {
                waiter = null;
            } else if (policy == MemoryLimitPolicy.FAIL) {
                return CompletableFuture.failedFuture(exhausted(what, "sends that need memory fail (policy FAIL)"));
            } else {
                waiter = new Waiting(send);
                waiting.add(waiter);
                anyWaiting = true;
            }
        }
        if (waiter == null) {
            return send.get();
        }
        scheduler.runAt(System.currentTimeMillis() + blockTimeoutMillis, () -> timeOut(waiter, what));
        if (!full()) {
            scheduleResume(); // memory was freed between the check and the enqueue
        }
        return waiter.result;
    }

    private void timeOut(Waiting waiter, String what) {
        boolean removed;
        synchronized (this) {
            removed = waiting.remove(waiter);
            anyWaiting = !waiting.isEmpty();
        }
        if (removed) {
            waiter.result.completeExceptionally(exhausted(what, "the send waited " + blockTimeoutMillis + " ms for memory"));
        }
    }

    private void scheduleResume() {
        if (resumeScheduled.compareAndSet(false, true)) {
            scheduler.runAt(0, this::resumeWaiting);
        }
    }

    /** Starts waiting sends in order while memory allows. Runs on the scheduler thread, no lock held. */
    private void resumeWaiting() {
        resumeScheduled.set(false);
        while (true) {
            Waiting next;
            synchronized (this) {
                if (waiting.isEmpty() || full()) {
                    anyWaiting = !waiting.isEmpty();
                    return;
                }
                next = waiting.poll();
                anyWaiting = !waiting.isEmpty();
            }
            try {
                next.send.get().whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        next.result.complete(null);
                    } else {
                        next.result.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                next.result.completeExceptionally(e);
            }
        }
    }

    private ResourceAllocationException exhausted(String what, String detail) {
        return new ResourceAllocationException("the broker is over its memory limit (" + used.get() + " of " + limit
                + " bytes held) and cannot take " + what + ": " + detail
                + "; consumers must acknowledge messages first, or raise the limit (BrokerConfig.withMemoryLimit)");
    }
}
