package org.messagestore.client;

import jakarta.jms.JMSException;
import org.messagestore.protocol.DestinationName;

/** The connection that created a temporary destination; only it may delete the destination. */
interface TemporaryDestinationOwner {
    void deleteTemporaryDestination(DestinationName name) throws JMSException;
}
