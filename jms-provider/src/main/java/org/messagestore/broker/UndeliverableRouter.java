package org.messagestore.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages that may not be delivered where they are out of their queue: those over their
 * {@link RedeliveryPolicy} limit go to the dead-letter queue, expired ones to the {@link ExpiryPolicy}'s
 * expiry queue, or are discarded when the policy names no queue. A move is one atomic store batch:
 * the reference leaves the source queue and a copy (see {@link DivertedCopy}) joins the target, so a
 * crash leaves the message in exactly one of the two.
 *
 * <p>Threads: no state of its own beyond configuration. It is called without any lock held: from the
 * client's session thread for dead letters, and from whichever thread ran dispatch for expired
 * messages (which may be a store completion thread, so that path never blocks). The target queues
 * exist from broker start ({@link Broker}), so finding them never writes to the store.
 */
final class UndeliverableRouter {

    private static final Logger LOG = LoggerFactory.getLogger(UndeliverableRouter.class);

    /**
     * Store work for messages leaving a queue, and what to run once it is stored, or once it failed.
     * The caller applies {@code work} (possibly together with other work), then runs one of the two.
     */
    record Move(List<StoreOperation> work, Runnable afterStored, Runnable afterFailure) {

        static final Move NONE = new Move(List.of(), () -> { }, () -> { });

        /** This move and {@code other} in one store batch: both stored, or both failed. */
        Move and(Move other) {
            List<StoreOperation> all = new ArrayList<>(work);
            all.addAll(other.work);
            return new Move(all, () -> {
                afterStored.run();
                other.afterStored.run();
            }, () -> {
                afterFailure.run();
                other.afterFailure.run();
            });
        }

        /** This move with more store work in the same batch. */
        Move plus(List<StoreOperation> more) {
            List<StoreOperation> all = new ArrayList<>(work);
            all.addAll(more);
            return new Move(all, afterStored, afterFailure);
        }
    }

    private final BrokerConfig config;
    private final MessageStore store;
    private final MessageRouter router;
    /** Set once by {@link BrokerServices#create}, before any queue exists. */
    private DestinationRegistry destinations;

    UndeliverableRouter(BrokerConfig config, MessageStore store, MessageRouter router) {
        this.config = config;
        this.store = store;
        this.router = router;
    }

    void useDestinations(DestinationRegistry registry) {
        this.destinations = registry;
    }

    RedeliveryPolicy redeliveryPolicyFor(DestinationName destination) {
        return config.redeliveryPolicyFor(destination.name());
    }

    /**
     * Moves messages over their redelivery limit out of {@code from}; the caller applies the work. If it
     * cannot be stored, the messages return to {@code from}.
     */
    Move deadLetter(MessageQueue from, List<MessageReference> exhausted) {
        return deadLetter(from, exhausted, true);
    }

    /**
     * As {@link #deadLetter(MessageQueue, List)}; with {@code restoreOnFailure} false a failed move leaves
     * the messages where the caller had them (out of the queue: those a recovered XA branch keeps locked).
     */
    Move deadLetter(MessageQueue from, List<MessageReference> exhausted, boolean restoreOnFailure) {
        String target = redeliveryPolicyFor(from.name()).deadLetterQueue();
        return move(from, exhausted, target, DivertedCopy::deadLettered, restoreOnFailure, from.counters()::deadLettered, (reference, to) -> {
            if (to == null) {
                LOG.warn("discarded message {} of {} after {} deliveries: no dead-letter queue is configured",
                        reference.message().data().messageId(), from, reference.deliveryCount());
            } else {
                LOG.info("moved message {} from {} to dead-letter queue '{}' after {} deliveries",
                        reference.message().data().messageId(), from, to, reference.deliveryCount());
            }
        });
    }

    /**
     * Moves or drops expired messages of {@code from}, without waiting: the store batch completes on a
     * store thread, and so does the returned future. If it fails the messages stay in the store, and
     * are found expired again (by a later expiry sweep, or after a restart).
     */
    CompletableFuture<Void> expire(MessageQueue from, List<MessageReference> expired) {
        if (expired.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String target = config.expiryPolicyFor(from.name().name()).expiryQueue();
        if (from.isQueueNamed(target)) {
            target = null; // already on its expiry queue: moving it there again would loop
        }
        Move move = move(from, expired, target, DivertedCopy::expired, false, from.counters()::expired, (reference, to) -> LOG.debug(
                "message {} of {} expired; {}", reference.message().data().messageId(), from,
                to == null ? "dropped" : "moved to expiry queue '" + to + "'"));
        if (move.work().isEmpty()) {
            move.afterStored().run();
            return CompletableFuture.completedFuture(null);
        }
        return store.apply(move.work()).whenComplete((ignored, failure) -> {
            if (failure == null) {
                move.afterStored().run();
            } else {
                move.afterFailure().run(); // the copies do not arrive; the expired ones stay out of memory
                LOG.warn("could not remove {} expired message(s) of {} from the store", expired.size(), from, failure);
            }
        });
    }

    /** Builds the copy a moved message leaves in its target queue (see {@link DivertedCopy}). */
    @FunctionalInterface
    interface CopyMaker {
        MessageData copy(MessageReference reference, MessageQueue from, DestinationName to);
    }

    /**
     * An operator's move ({@link QueueOperations}): the references, already out of {@code from}'s memory
     * or in its store only, leave {@code from} and, unless {@code target} is null (a purge), a copy of
     * each joins {@code target}, in the one store batch the caller applies. They count as removed from
     * {@code from}; the copies count as added to {@code target} when they arrive.
     *
     * @param restoreOnFailure whether the references go back to {@code from}'s memory when the batch
     *                         cannot be stored: true for references taken out of memory, false for those
     *                         that never left the store
     */
    Move transfer(MessageQueue from, List<MessageReference> references, MessageQueue target, CopyMaker copyMaker,
                  boolean restoreOnFailure) {
        return move(from, references, target, copyMaker, restoreOnFailure, from.counters()::removed, (reference, to) -> LOG.debug(
                "operator {} message {} of {}", to == null ? "removed" : "moved to '" + to + "'",
                reference.message().data().messageId(), from));
    }

    /** As {@link #move(MessageQueue, List, MessageQueue, CopyMaker, boolean, LongConsumer, FateLog)}, the target by name. */
    private Move move(MessageQueue from, List<MessageReference> references, String targetName, CopyMaker copyMaker,
                      boolean restoreOnFailure, LongConsumer gone, FateLog logMoved) {
        MessageQueue target = targetName == null ? null : targetQueue(targetName);
        return move(from, references, target, copyMaker, restoreOnFailure, gone, logMoved);
    }

    /**
     * @param target           the queue to move to, or null to discard
     * @param restoreOnFailure whether the references go back to {@code from} when the move cannot be
     *                         stored (dead letters; an expired message is not put back: it is found
     *                         expired again after a restart)
     * @param gone             counts the messages that left {@code from} once the move is stored
     * @param logMoved         logs one message's fate once it is stored (target name or null)
     */
    private Move move(MessageQueue from, List<MessageReference> references, MessageQueue target, CopyMaker copyMaker,
                      boolean restoreOnFailure, LongConsumer gone, FateLog logMoved) {
        String targetName = target == null ? null : target.name().name();
        List<StoreOperation> work = new ArrayList<>();
        List<MessageRouter.Routed> copies = new ArrayList<>();
        for (MessageReference reference : references) {
            StoreOperation removal = from.removal(reference);
            if (removal != null) {
                work.add(removal);
            }
            if (target != null) {
                BrokerMessage copy = router.accept(copyMaker.copy(reference, from, target.name()), null, null);
                MessageRouter.Routed routed = router.route(copy, target);
                work.addAll(router.storeOperations(routed));
                copies.add(routed);
            }
        }
        copies.forEach(router::storing);
        Runnable afterStored = () -> {
            gone.accept(references.size());
            copies.forEach(router::enqueue);
            references.forEach(reference -> logMoved.log(reference, targetName));
        };
        Runnable afterFailure = () -> {
            copies.forEach(router::abandon);
            if (restoreOnFailure) {
                from.enqueue(references);
            }
        };
        return new Move(work, afterStored, afterFailure);
    }

    @FunctionalInterface
    private interface FateLog {
        void log(MessageReference reference, String target);
    }

    private MessageQueue targetQueue(String name) {
        MessageQueue queue = destinations.findQueue(name);
        if (queue == null) {
            throw new IllegalStateException("queue '" + name + "' named by a redelivery or expiry policy does not exist");
        }
        return queue;
    }
}
