package org.messagestore.broker;

import org.messagestore.store.MessageStore;

/** The broker-wide parts that every connection and session works with. Created once per {@link Broker}. */
record BrokerServices(
        String brokerName,
        MessageStore store,
        DestinationRegistry destinations,
        SubscriptionRegistry subscriptions,
        ClientIdRegistry clientIds,
        MessageRouter router,
        DeliveryScheduler scheduler) {

    static BrokerServices create(BrokerConfig config, MessageStore store) {
        DeliveryScheduler scheduler = new DeliveryScheduler(config.name());
        MessageRouter router = new MessageRouter(store);
        UndeliverableRouter undeliverable = new UndeliverableRouter(config, store, router);
        DestinationRegistry destinations = new DestinationRegistry(store, config.autoCreateDestinations(), scheduler, undeliverable);
        undeliverable.useDestinations(destinations);
        return new BrokerServices(
                config.name(),
                store,
                destinations,
                new SubscriptionRegistry(store, scheduler, undeliverable),
                new ClientIdRegistry(config.name()),
                router,
                scheduler);
    }
}
