package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an operator's retry ({@link QueueOperations#retryDeadLetters}) sends each dead letter: back to
 * the queue its {@value DivertedCopy#ORIGINAL_DESTINATION} property names, or the durable subscription
 * {@value DivertedCopy#ORIGINAL_SUBSCRIPTION} names, as a {@link DivertedCopy#retried} copy. A dead letter
 * of a temporary queue, of a non-durable subscription, or of a queue or subscription that no longer
 * exists has nowhere to go back to and stays.
 *
 * <p>Threads: one per retry; its cache of target queues is used by the retry's sweep, whose store steps
 * run on the pager thread one after another while the caller waits, so never by two threads at once.
 */
final class DeadLetterRetry {

    private final MessageQueue deadLetters;
    private final DestinationRegistry destinations;
    private final UndeliverableRouter router;
    /** Target queues by original destination (and subscription), null for none; bounded by the names the dead letters carry. */
    private final Map<String, MessageQueue> targets = new HashMap<>();

    DeadLetterRetry(MessageQueue deadLetters, DestinationRegistry destinations, UndeliverableRouter router) {
        this.deadLetters = deadLetters;
        this.destinations = destinations;
        this.router = router;
    }

    /**
     * The queue the dead letter goes back to, or null when it stays: the queue destination of its original
     * destination, or, for a durable subscription's dead letter, that subscription of its topic.
     */
    MessageQueue targetOf(MessageReference reference) {
        Map<String, Object> properties = reference.message().data().properties();
        Object original = properties.get(DivertedCopy.ORIGINAL_DESTINATION);
        String queue = DivertedCopy.queueNamed(original);
        String topic = DivertedCopy.topicNamed(original);
        MessageQueue target;
        if (queue != null) {
            // Cached, so a dead letter selected for a target still has it when its batch is taken; queue
            // destinations are never deleted while the broker runs, so the cache cannot go stale.
            target = targets.computeIfAbsent("queue://" + queue, key -> destinations.findQueue(queue));
        } else if (topic != null && properties.get(DivertedCopy.ORIGINAL_SUBSCRIPTION) instanceof String subscription) {
            // A subscription deleted during the retry takes the copies sent to it along, as an unsubscribe
            // takes every message the subscription holds.
            target = targets.computeIfAbsent(original + "#" + subscription, key -> destinations.findQueue(subscription, topic));
        } else {
            target = null;
        }
        return target == deadLetters ? null : target;
    }

    /** The store work that sends a batch of dead letters back, each to its own queue, in one store batch. */
    UndeliverableRouter.Move take(List<MessageReference> batch, boolean fromMemory) {
        Map<MessageQueue, List<MessageReference>> byTarget = new LinkedHashMap<>();
        for (MessageReference reference : batch) {
            byTarget.computeIfAbsent(targetOf(reference), target -> new ArrayList<>()).add(reference);
        }
        UndeliverableRouter.Move move = UndeliverableRouter.Move.NONE;
        for (Map.Entry<MessageQueue, List<MessageReference>> group : byTarget.entrySet()) {
            move = move.and(router.transfer(deadLetters, group.getValue(), group.getKey(), DivertedCopy::retried, fromMemory));
        }
        return move;
    }
}
