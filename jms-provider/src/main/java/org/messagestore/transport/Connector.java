package org.messagestore.transport;

import jakarta.jms.JMSException;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;

/** Opens connections to one broker address (a {@code vm://} or {@code tcp://} URL). */
public interface Connector {

    /**
     * Opens an authenticated connection. Throws JMSSecurityException when the broker rejects the
     * credentials; {@code user} and {@code password} are null for an anonymous connection.
     */
    BrokerConnection connect(String user, String password, ConnectionListener listener) throws JMSException;
}
