package org.messagestore.client.destination;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import org.messagestore.model.DestinationName;

/**
 * A temporary queue. The one held by its creating connection can delete it; a copy received in a
 * message (JMSReplyTo, JMSDestination) can only be sent to.
 */
public final class ClientTemporaryQueue extends ClientDestination implements TemporaryQueue {

    private final transient TemporaryDestinationOwner owner;

    public ClientTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, name));
        this.owner = owner;
    }

    /** A reference to someone else's temporary queue, e.g. from JMSReplyTo. */
    public ClientTemporaryQueue(String name) {
        this(name, null);
    }

    @Override
    public String getQueueName() {
        return destinationName().name();
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary queue '" + getQueueName() + "' can only be deleted through the connection that created it");
        }
        owner.deleteTemporaryDestination(destinationName());
    }
}
