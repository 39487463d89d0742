package org.messagestore.broker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.messagestore.model.DestinationName;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the broker from its store at start: destinations, durable subscriptions, and the pending
 * persistent messages of each with their delivery counts. Queues are opened lazily: each reads only
 * its first page (its paging window) now and the rest as consumers drain it ({@link QueuePaging}), so
 * start-up time does not grow with the backlog. Runs on the thread calling {@link Broker#start}
 * before any connection exists.
 */
final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final BrokerServices services;
    private final MessageStore store;
    /** Message ids per stored queue that a prepared XA branch will acknowledge: locked until it is resolved. */
    private final Map<QueueId, Set<Long>> lockedByPrepared = new HashMap<>();

    StoreRecovery(BrokerServices services) {
        this.services = services;
        this.store = services.store();
    }

    /**
     * Loads destinations and subscriptions; returns what the store held, whose prepared (in-doubt) and
     * heuristically completed XA branches stay in the store until resolved or forgotten.
     */
    RecoveredState run() {
        RecoveredState state = store.recover();
        services.router().continueAfter(state.highestMessageId());
        state.prepared().forEach(tx -> tx.work().forEach(op -> {
            if (op instanceof StoreOperation.RemoveReference removal) {
                lockedByPrepared.computeIfAbsent(removal.queue(), q -> new HashSet<>()).add(removal.messageId());
            }
        }));
        for (DestinationName destination : state.destinations()) {
            if (destination.kind() == DestinationName.Kind.QUEUE) {
                load(services.destinations().restoreQueue(destination.name()));
            } else if (destination.kind() == DestinationName.Kind.TOPIC) {
                services.destinations().restoreTopic(destination.name());
            }
        }
        for (DurableSubscriptionRecord record : state.subscriptions()) {
            TopicAddress topic = services.destinations().restoreTopic(record.topic());
            load(services.subscriptions().restore(record, topic).queue());
        }
        if (!state.prepared().isEmpty()) {
            LOG.warn("broker '{}' found {} prepared XA transaction(s) in {}; they stay in doubt until a transaction manager resolves them",
                    services.brokerName(), state.prepared().size(), store.description());
        }
        if (!state.heuristics().isEmpty()) {
            LOG.warn("broker '{}' found {} XA transaction(s) completed heuristically by an operator; they are reported to "
                    + "their transaction managers until forgotten", services.brokerName(), state.heuristics().size());
        }
        return state;
    }

    private void load(MessageQueue queue) {
        queue.counters().recovered(store.countReferences(queue.storeQueue()));
        queue.recover(lockedByPrepared.getOrDefault(queue.storeQueue(), Set.of()));
    }
}
