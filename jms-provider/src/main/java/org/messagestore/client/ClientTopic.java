package org.messagestore.client;

import jakarta.jms.Topic;
import org.messagestore.protocol.DestinationName;

/** A topic, by physical name. Created by {@code Session.createTopic} or bound in JNDI. */
public final class ClientTopic extends ClientDestination implements Topic {

    public ClientTopic(String name) {
        super(DestinationName.topic(name));
    }

    @Override
    public String getTopicName() {
        return destinationName().name();
    }
}
