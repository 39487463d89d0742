package org.messagestore.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager of a non-managed environment (Connectors 2.1, 6.5.2): no pool, no
 * transactions; each handle has a physical connection of its own that closes with it.
 */
final class UnpooledConnections implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo request) throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, request);
        connection.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                destroy(connection);
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                destroy(connection);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
            }
        });
        return connection.getConnection(null, request);
    }

    private static void destroy(ManagedConnection connection) {
        try {
            connection.destroy();
        } catch (ResourceException e) {
            throw new IllegalStateException("closing an unpooled connection failed", e);
        }
    }
}
