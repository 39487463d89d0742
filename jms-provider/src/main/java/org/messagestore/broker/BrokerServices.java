package org.messagestore.broker;

import org.messagestore.store.MessageStore;

/** The broker-wide parts that every connection and session works with. Created once per {@link Broker}. */
record BrokerServices(
        String brokerName,
        MessageStore store,
        DestinationRegistry destinations,
        SubscriptionRegistry subscriptions,
        ClientIdRegistry clientIds,
        MessageRouter router) {

    static BrokerServices create(BrokerConfig config, MessageStore store) {
        return new BrokerServices(
                config.name(),
                store,
                new DestinationRegistry(store, config.autoCreateDestinations()),
                new SubscriptionRegistry(store),
                new ClientIdRegistry(config.name()),
                new MessageRouter(store));
    }
}
