package org.messagestore.client.destination;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;
import org.messagestore.model.DestinationName;

/**
 * A temporary topic. The one held by its creating connection can delete it; a copy received in a
 * message (JMSReplyTo, JMSDestination) can only be sent to.
 */
public final class ClientTemporaryTopic extends ClientDestination implements TemporaryTopic {

    private final transient TemporaryDestinationOwner owner;

    public ClientTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(new DestinationName(DestinationName.Kind.TEMPORARY_TOPIC, name));
        this.owner = owner;
    }

    /** A reference to someone else's temporary topic, e.g. from JMSReplyTo. */
    public ClientTemporaryTopic(String name) {
        this(name, null);
    }

    @Override
    public String getTopicName() {
        return destinationName().name();
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary topic '" + getTopicName() + "' can only be deleted through the connection that created it");
        }
        owner.deleteTemporaryDestination(destinationName());
    }
}
