package org.messagestore.model;

import jakarta.jms.JMSException;

/** Told by the transport when the connection to the broker fails on its own (not by close()). */
@FunctionalInterface
public interface ConnectionListener {
    void connectionFailed(JMSException cause);
}
