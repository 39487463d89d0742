package org.messagestore.broker;

import java.util.List;

/**
 * A running broker as an operator sees it, taken when asked ({@link Broker#statistics()}): for metrics,
 * management tools and health checks. Cheap to take: nothing is read from the store.
 *
 * @param connections            open connections
 * @param sessions               open sessions of those connections
 * @param memoryUsedBytes        memory the queues' messages take, counted against the limit
 * @param memoryLimitBytes       the broker-wide memory limit ({@link FlowControl})
 * @param sendsWaitingForMemory  sends blocked by flow control now, waiting for memory
 * @param authenticationFailures connection attempts refused for their credentials since start
 * @param activeTransactions     XA branches not yet prepared
 * @param preparedTransactions   XA branches prepared and in doubt
 * @param heuristicTransactions  XA branches completed by an operator, not yet forgotten by their
 *                               transaction manager
 * @param queues                 every queue destination and subscription queue
 */
public record BrokerStatistics(int connections, int sessions, long memoryUsedBytes, long memoryLimitBytes,
                               int sendsWaitingForMemory, long authenticationFailures, int activeTransactions,
                               int preparedTransactions, int heuristicTransactions, List<QueueStatistics> queues) {

    public BrokerStatistics {
        queues = List.copyOf(queues);
    }
}
