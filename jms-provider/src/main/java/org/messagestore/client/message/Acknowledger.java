package org.messagestore.client.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for one received message. The session installs
 * one on each message it delivers in CLIENT_ACKNOWLEDGE mode; it acknowledges every message the
 * session has consumed so far (Jakarta Messaging 3.1, "Message acknowledgment") and throws
 * {@link jakarta.jms.IllegalStateException} once the session is closed.
 */
@FunctionalInterface
public interface Acknowledger {

    void acknowledge() throws JMSException;
}
