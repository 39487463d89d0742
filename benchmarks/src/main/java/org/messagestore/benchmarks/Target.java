package org.messagestore.benchmarks;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/** Where a workload's messages go: a queue, or a topic read through durable subscriptions. */
record Target(String name, boolean topic) {

    static Target queue(String name) {
        return new Target(name, false);
    }

    static Target topic(String name) {
        return new Target(name, true);
    }

    Destination in(Session session) throws JMSException {
        return topic ? session.createTopic(name) : session.createQueue(name);
    }

    /**
     * A consumer of this target on {@code session}; on a topic, the durable subscription {@code subscriber}
     * (its connection needs a client id, Jakarta Messaging 3.1, 6.1.2).
     */
    MessageConsumer consumer(Session session, int subscriber) throws JMSException {
        return topic
                ? session.createDurableSubscriber(session.createTopic(name), "benchmark-subscription-" + subscriber)
                : session.createConsumer(session.createQueue(name));
    }
}
