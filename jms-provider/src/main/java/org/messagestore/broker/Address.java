package org.messagestore.broker;

import java.util.List;
import org.messagestore.model.DestinationName;

/** Something a producer sends to: a queue (one target) or a topic (one target per matching subscription). */
sealed interface Address permits MessageQueue, TopicAddress {

    DestinationName name();

    /** The queues a message sent now must be added to; empty when nobody can receive it. */
    List<MessageQueue> targets(BrokerMessage message);
}
