package org.messagestore.client.destination;

import jakarta.jms.JMSException;
import org.messagestore.model.DestinationName;

/** The connection that created a temporary destination; only it may delete the destination. */
public interface TemporaryDestinationOwner {
    void deleteTemporaryDestination(DestinationName name) throws JMSException;
}
