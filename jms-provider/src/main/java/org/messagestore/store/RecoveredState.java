package org.messagestore.store;

import java.util.List;
import org.messagestore.model.DestinationName;

/**
 * What a store holds when the broker starts, apart from the references themselves (which the broker
 * reads per queue through {@link MessageStore#openCursor}).
 *
 * @param destinations     queues and topics recorded with {@link StoreOperation.AddDestination}
 * @param subscriptions    durable subscriptions
 * @param prepared         XA branches prepared but neither committed nor rolled back; their work is
 *                         not reflected in the references a cursor returns
 * @param heuristics       XA branches completed by an operator and not yet forgotten
 * @param highestMessageId the largest message id ever stored (0 when none); the broker continues
 *                         above it so that ids keep growing in arrival order
 */
public record RecoveredState(
        List<DestinationName> destinations,
        List<DurableSubscriptionRecord> subscriptions,
        List<PreparedTransaction> prepared,
        List<HeuristicOutcome> heuristics,
        long highestMessageId) {

    public RecoveredState {
        destinations = List.copyOf(destinations);
        subscriptions = List.copyOf(subscriptions);
        prepared = List.copyOf(prepared);
        heuristics = List.copyOf(heuristics);
    }

    public static RecoveredState empty() {
        return new RecoveredState(List.of(), List.of(), List.of(), List.of(), 0);
    }
}
