package org.messagestore.client.destination;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import org.messagestore.model.DestinationName;

/** Converts between JMS destination objects (ours or another provider's) and {@link DestinationName}. */
public final class Destinations {

    private Destinations() {
    }

    /** The broker name of a destination; a foreign destination is taken by its queue or topic name. */
    public static DestinationName toName(Destination destination) throws JMSException {
        if (destination == null) {
            return null;
        }
        if (destination instanceof ClientDestination own) {
            return own.destinationName();
        }
        if (destination instanceof TemporaryQueue q) {
            return new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, q.getQueueName());
        }
        if (destination instanceof TemporaryTopic t) {
            return new DestinationName(DestinationName.Kind.TEMPORARY_TOPIC, t.getTopicName());
        }
        if (destination instanceof Queue q) {
            return DestinationName.queue(q.getQueueName());
        }
        if (destination instanceof Topic t) {
            return DestinationName.topic(t.getTopicName());
        }
        throw new InvalidDestinationException(
                "destination " + destination + " is neither a Queue nor a Topic");
    }

    /** A destination object for a name received from the broker. */
    public static ClientDestination fromName(DestinationName name) {
        if (name == null) {
            return null;
        }
        return switch (name.kind()) {
            case QUEUE -> new ClientQueue(name.name());
            case TOPIC -> new ClientTopic(name.name());
            case TEMPORARY_QUEUE -> new ClientTemporaryQueue(name.name());
            case TEMPORARY_TOPIC -> new ClientTemporaryTopic(name.name());
        };
    }
}
