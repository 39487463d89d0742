package org.messagestore.broker;

import org.slf4j.LoggerFactory;

import org.messagestore.store.MessageStore;

/**
 * The broker-wide parts that every connection and session works with. Created once per {@link Broker},
 * whose close calls {@link #stopThreads()}.
 */
record BrokerServices(
        String brokerName,
        MessageStore store,
        DestinationRegistry destinations,
        SubscriptionRegistry subscriptions,
        ClientIdRegistry clientIds,
        MessageRouter router,
        UndeliverableRouter undeliverable,
        DeliveryScheduler scheduler,
        MemoryLimit memory,
        PageReader pager,
        XaTransactions xa,
        ResourceLimits limits,
        RefusalLog refusals) {

    static BrokerServices create(BrokerConfig config, MessageStore store) {
        DeliveryScheduler scheduler = new DeliveryScheduler(config.name());
        MessageRouter router = new MessageRouter(store);
        UndeliverableRouter undeliverable = new UndeliverableRouter(config, store, router);
        MemoryLimit memory = new MemoryLimit(config.flowControl(), scheduler);
        PageReader pager = new PageReader(config.name(), store);
        QueueContext queues = new QueueContext(scheduler, undeliverable, memory, pager, config.flowControl().pagingWindow());
        DestinationRegistry destinations = new DestinationRegistry(store, config.autoCreateDestinations(), queues);
        undeliverable.useDestinations(destinations);
        SubscriptionRegistry subscriptions = new SubscriptionRegistry(store, queues);
        return new BrokerServices(
                config.name(),
                store,
                destinations,
                subscriptions,
                new ClientIdRegistry(config.name()),
                router,
                undeliverable,
                scheduler,
                memory,
                pager,
                new XaTransactions(new XaCompletion(store, router, pager, destinations, subscriptions), scheduler,
                        config.limits().unpreparedBranchTimeout()),
                config.limits(),
                new RefusalLog(LoggerFactory.getLogger(ResourceLimits.class), RefusalLog.DEFAULT_INTERVAL_MILLIS));
    }

    /** Stops the broker's own threads: the pager (a running read finishes), then the scheduler. */
    void stopThreads() {
        pager.close();
        scheduler.close();
    }
}
