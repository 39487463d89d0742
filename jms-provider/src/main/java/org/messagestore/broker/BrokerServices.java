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
        return new BrokerServices(
                config.name(),
                store,
                new DestinationRegistry(store, config.autoCreateDestinations(), scheduler),
                new SubscriptionRegistry(store, scheduler),
                new ClientIdRegistry(config.name()),
                new MessageRouter(store),
                scheduler);
    }
}
