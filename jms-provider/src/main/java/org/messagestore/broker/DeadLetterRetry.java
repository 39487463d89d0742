package org.messagestore.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an operator's retry ({@link QueueOperations#retryDeadLetters}) sends each dead letter: back to
 * the queue its {@value DivertedCopy#ORIGINAL_DESTINATION} property names, as a {@link DivertedCopy#retried}
 * copy. A dead letter whose original destination is not a queue (a topic subscription's, a temporary
 * queue's) or names a queue that no longer exists has nowhere to go back to and stays.
 *
 * <p>Threads: one per retry; its cache of target queues is used by the retry's sweep, whose store steps
 * run on the pager thread one after another while the caller waits, so never by two threads at once.
 */
final class DeadLetterRetry {

    private final MessageQueue deadLetters;
    private final DestinationRegistry destinations;
    private final UndeliverableRouter router;
    /** Target queues by name, null for a name with no queue; bounded by the queue names the dead letters carry. */
    private final Map<String, MessageQueue> targets = new HashMap<>();

    DeadLetterRetry(MessageQueue deadLetters, DestinationRegistry destinations, UndeliverableRouter router) {
        this.deadLetters = deadLetters;
        this.destinations = destinations;
        this.router = router;
    }

    /** The queue the dead letter goes back to, or null when it stays. */
    MessageQueue targetOf(MessageReference reference) {
        String name = DivertedCopy.queueNamed(reference.message().data().properties().get(DivertedCopy.ORIGINAL_DESTINATION));
        if (name == null) {
            return null;
        }
        // Cached, so a dead letter selected for a target still has it when its batch is taken; queue
        // destinations are never deleted while the broker runs, so the cache cannot go stale.
        MessageQueue target = targets.computeIfAbsent(name, destinations::findQueue);
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
