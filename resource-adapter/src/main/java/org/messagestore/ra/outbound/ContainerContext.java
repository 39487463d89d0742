package org.messagestore.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import org.messagestore.client.ClientContext;

/**
 * The JMSContext of a pooled connection: the client's context on a {@link ConnectionHandle}, whose
 * rules it inherits, and without {@code createContext}, which would open a second session on the
 * connection (JMSContext.createContext javadoc: it must throw in a Jakarta EE web or EJB container).
 */
final class ContainerContext extends ClientContext {

    ContainerContext(Connection connection, int sessionMode) {
        super(connection, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new IllegalStateRuntimeException("JMSContext.createContext must not be used in a Jakarta EE web or EJB "
                + "container: a connection there may have only one session (Jakarta Messaging 3.1, 12.2); "
                + "ask the connection factory for another context");
    }
}
