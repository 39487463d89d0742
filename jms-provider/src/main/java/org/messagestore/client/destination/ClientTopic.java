package org.messagestore.client.destination;

import jakarta.jms.Topic;
import org.messagestore.model.DestinationName;

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
