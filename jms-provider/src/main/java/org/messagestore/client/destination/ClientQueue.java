package org.messagestore.client.destination;

import jakarta.jms.Queue;
import org.messagestore.model.DestinationName;

/** A queue, by physical name. Created by {@code Session.createQueue} or bound in JNDI. */
public final class ClientQueue extends ClientDestination implements Queue {

    public ClientQueue(String name) {
        super(DestinationName.queue(name));
    }

    @Override
    public String getQueueName() {
        return destinationName().name();
    }
}
