package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoredReference;

/**
 * Carries out one operator action ({@link QueueOperations}) over the messages waiting in one queue, a
 * batch of at most {@value #BATCH} references at a time, each batch one store batch that is durable
 * before the next is taken. A durable queue holds a bounded window in memory and the rest in the store
 * only (the paged-out backlog, delayed messages), so the sweep makes three passes:
 * <ol>
 *   <li>memory: batches of selected waiting references are taken out of the queue's memory
 *       ({@link MessageQueue#takeWaiting}) until none is left; the page-ins this starts refill the window;</li>
 *   <li>store (durable queues only): the queue's stored references are read page by page in position
 *       order, each page as one step on the pager thread ({@link QueueStorage#onPagerThread}); of those the
 *       store alone holds, the selected ones are taken and the step waits for the store before it ends, so
 *       no page-in can take in a reference the step is removing. Their paging state is left as it is: they
 *       were never in memory;</li>
 *   <li>memory again: page-ins during the store pass brought references into memory.</li>
 * </ol>
 * A message that arrives after the sweep began (its id is above the last id accepted then) is left
 * alone, so the sweep ends while producers go on sending.
 *
 * <p>Threads: runs on the caller's thread, which waits for each batch; the store pass's steps run on
 * the pager thread. It holds no lock between batches.
 */
final class OperatorSweep {

    /** References per store batch; the sweep never holds more at once, whatever the backlog. */
    static final int BATCH = 1_000;

    /** What the action does to a batch taken out of the queue: its store work and what follows it. */
    @FunctionalInterface
    interface Action {
        /**
         * @param fromMemory whether the batch was taken out of memory (to go back there if the store
         *                   fails) or is in the store only (and stays there)
         */
        UndeliverableRouter.Move take(List<MessageReference> batch, boolean fromMemory);
    }

    /** One store-pass step: how many it took, where the next step resumes, whether the walk is over. */
    private record StoreStep(int taken, long lastPosition, boolean finished) {
    }

    private final MessageStore store;
    private final MessageQueue queue;
    private final Predicate<MessageReference> selects;
    private final Action action;
    private final long limit;
    private final LongConsumer progress;
    private final String what;
    private final long lastIdBefore;
    private Consumer<MessageReference> passedOverInStore = reference -> { };
    private long done;

    /**
     * @param selects      which waiting references the action takes
     * @param limit        the most references to take (1 to remove a single message)
     * @param lastIdBefore the last message id accepted before the sweep began; later ones are left alone
     * @param progress     hears the running count after each batch; may be null
     * @param what         the action, for errors: {@code "purge queue 'orders'"}
     */
    OperatorSweep(MessageStore store, MessageQueue queue, Predicate<MessageReference> selects, Action action, long limit,
                  long lastIdBefore, LongConsumer progress, String what) {
        this.store = store;
        this.queue = queue;
        this.selects = reference -> reference.message().storeId() <= lastIdBefore && selects.test(reference);
        this.action = action;
        this.limit = limit;
        this.lastIdBefore = lastIdBefore;
        this.progress = progress;
        this.what = what;
    }

    /** Hears each reference the store pass found waiting in the store only and did not select. */
    OperatorSweep onPassedOverInStore(Consumer<MessageReference> listener) {
        this.passedOverInStore = listener;
        return this;
    }

    /** Runs the passes; returns how many references the action took. */
    long run() throws JMSException {
        memoryPass();
        QueueStorage storage = queue.storage();
        if (storage != null && done < limit) {
            storePass(storage);
            memoryPass();
        }
        return done;
    }

    private void memoryPass() throws JMSException {
        while (done < limit) {
            List<MessageReference> batch = queue.takeWaiting(selects, room());
            if (batch.isEmpty()) {
                return;
            }
            store(action.take(batch, true));
            counted(batch.size());
        }
    }

    private void storePass(QueueStorage storage) throws JMSException {
        long after = MessageStore.FROM_START;
        while (done < limit && !queue.isDeleted()) {
            long from = after;
            int room = room();
            StoreStep step = await(storage.onPagerThread(() -> storeStep(storage, from, room)));
            if (step.taken() > 0) {
                counted(step.taken());
            }
            if (step.finished()) {
                return;
            }
            after = step.lastPosition();
        }
    }

    /** One page of the store pass; runs on the pager thread and ends only once its batch is stored. */
    private StoreStep storeStep(QueueStorage storage, long after, int room) {
        List<StoredReference> read = storage.readAfter(after, BATCH);
        boolean finished = read.size() < BATCH;
        int end = 0;
        while (end < read.size() && read.get(end).messageId() <= lastIdBefore) {
            end++;
        }
        if (end < read.size()) {
            finished = true; // the rest arrived after the sweep began
        }
        List<MessageReference> batch = new ArrayList<>();
        for (MessageReference reference : storage.storeOnly(read.subList(0, end))) {
            if (!selects.test(reference)) {
                passedOverInStore.accept(reference);
            } else if (batch.size() < room) {
                batch.add(reference);
            }
        }
        if (!batch.isEmpty()) {
            try {
                store(action.take(batch, false));
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        }
        long lastPosition = end == 0 ? after : read.get(end - 1).position();
        return new StoreStep(batch.size(), lastPosition, finished);
    }

    private int room() {
        return (int) Math.min(BATCH, limit - done);
    }

    /** Applies a batch's store work and waits; on failure the batch goes back where it was, and this throws. */
    private void store(UndeliverableRouter.Move move) throws JMSException {
        if (!move.work().isEmpty()) {
            try {
                StoreCalls.await(store.apply(move.work()), what);
            } catch (JMSException e) {
                move.afterFailure().run();
                throw e;
            }
        }
        move.afterStored().run();
    }

    private void counted(int taken) {
        done += taken;
        if (progress != null) {
            progress.accept(done);
        }
    }

    private <T> T await(CompletableFuture<T> step) throws JMSException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreCalls.failure(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw cause instanceof JMSException jms ? jms : StoreCalls.failure(what, cause);
        }
    }
}
