package org.messagestore.broker;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.messagestore.protocol.DestinationName;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoredReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the broker from its store at start: destinations, durable subscriptions, and the pending
 * persistent messages of each with their delivery counts. Runs on the thread calling
 * {@link Broker#start} before any connection exists.
 */
final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final int PAGE = 512;

    private final BrokerServices services;
    private final MessageStore store;
    /** References a prepared XA branch will acknowledge: locked until the branch is resolved. */
    private final Set<StoreOperation.RemoveReference> lockedByPrepared = new HashSet<>();

    StoreRecovery(BrokerServices services) {
        this.services = services;
        this.store = services.store();
    }

    /** Returns the prepared (in-doubt) XA branches, which stay in the store until resolved. */
    List<PreparedTransaction> run() {
        RecoveredState state = store.recover();
        services.router().continueAfter(state.highestMessageId());
        state.prepared().forEach(tx -> tx.work().forEach(op -> {
            if (op instanceof StoreOperation.RemoveReference removal) {
                lockedByPrepared.add(removal);
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
        return state.prepared();
    }

    private void load(MessageQueue queue) {
        try (ReferenceCursor cursor = store.openCursor(queue.storeQueue())) {
            for (List<StoredReference> page = cursor.next(PAGE); !page.isEmpty(); page = cursor.next(PAGE)) {
                queue.enqueue(page.stream()
                        .filter(r -> !lockedByPrepared.contains(new StoreOperation.RemoveReference(queue.storeQueue(), r.messageId())))
                        .map(r -> new MessageReference(new BrokerMessage(r.messageId(), r.message(), null, null), r.deliveryCount()))
                        .toList());
            }
        }
    }
}
