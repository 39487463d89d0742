package org.messagestore.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.messagestore.model.BrokerAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the CompletionListeners of one session's asynchronous sends on one thread, in send order
 * (Jakarta Messaging 3.1, 7.3.3 "Message order"). The thread starts with the first asynchronous
 * send and stops in {@link #close()}, after every pending callback has run (7.3.7: close waits for
 * incomplete sends).
 */
final class CompletionDispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionDispatcher.class);

    private record PendingSend(CompletableFuture<Void> result, Message message, CompletionListener listener) {
    }

    private final String threadName;
    private final ArrayDeque<PendingSend> pending = new ArrayDeque<>();
    private Thread thread;
    private boolean stopping;

    CompletionDispatcher(String threadName) {
        this.threadName = threadName;
    }

    synchronized void submit(CompletableFuture<Void> result, Message message, CompletionListener listener) {
        pending.addLast(new PendingSend(result, message, listener));
        if (thread == null) {
            thread = new Thread(this, threadName);
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    boolean isCurrentThread() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        return t != null && t == Thread.currentThread();
    }

    @Override
    public void run() {
        while (true) {
            PendingSend next;
            synchronized (this) {
                waitUntil(() -> !pending.isEmpty() || stopping);
                if (pending.isEmpty()) {
                    return;
                }
                next = pending.peekFirst();
            }
            JMSException failure = outcome(next.result());
            try {
                if (failure == null) {
                    next.listener().onCompletion(next.message());
                } else {
                    next.listener().onException(next.message(), failure);
                }
            } catch (RuntimeException e) {
                LOG.warn("CompletionListener threw; ignored", e);
            } finally {
                synchronized (this) {
                    pending.pollFirst();
                    notifyAll();
                }
            }
        }
    }

    private static JMSException outcome(CompletableFuture<Void> result) {
        try {
            result.get();
            return null;
        } catch (ExecutionException e) {
            return BrokerAnswers.asJmsException(e.getCause(), "send");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JMSException("interrupted while waiting for the send to complete");
        }
    }

    /** Waits until every asynchronous send submitted so far had its callback. */
    synchronized void awaitPending() {
        if (thread == Thread.currentThread()) {
            return;
        }
        waitUntil(pending::isEmpty);
    }

    /**
     * Waits on this monitor until {@code done}; an interrupt does not cut the wait short (the callbacks
     * must run first), and the flag is restored afterwards. Re-setting it inside the loop would make the
     * next wait() throw at once and spin while holding the monitor the dispatcher needs.
     */
    private void waitUntil(BooleanSupplier done) {
        boolean interrupted = false;
        while (!done.getAsBoolean()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        Thread t;
        synchronized (this) {
            awaitPending();
            stopping = true;
            notifyAll();
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
