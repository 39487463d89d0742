package org.messagestore.ra.outbound;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;

/**
 * A resource-manager local transaction the container drives when the connection definition is
 * configured for LocalTransaction rather than XATransaction: the connection's work goes through
 * a transacted session that begin, commit and rollback here demarcate.
 */
final class ContainerLocalTransaction implements LocalTransaction {

    private final MessageStoreManagedConnection connection;
    private volatile boolean active;

    ContainerLocalTransaction(MessageStoreManagedConnection connection) {
        this.connection = connection;
    }

    boolean active() {
        return active;
    }

    @Override
    public void begin() throws ResourceException {
        if (active) {
            throw new jakarta.resource.spi.IllegalStateException("a local transaction is already active on this connection");
        }
        active = true;
    }

    @Override
    public void commit() throws ResourceException {
        checkActive("commit");
        try {
            connection.localSession().commit();
        } catch (JMSException e) {
            throw MessageStoreManagedConnection.resourceException("local transaction commit failed", e);
        } finally {
            active = false;
        }
    }

    @Override
    public void rollback() throws ResourceException {
        checkActive("rollback");
        try {
            connection.localSession().rollback();
        } catch (JMSException e) {
            throw MessageStoreManagedConnection.resourceException("local transaction rollback failed", e);
        } finally {
            active = false;
        }
    }

    /** The connection goes back to the pool: a transaction the container never ended ends here. */
    void reset() {
        active = false;
    }

    private void checkActive(String verb) throws ResourceException {
        if (!active) {
            throw new jakarta.resource.spi.IllegalStateException("cannot " + verb + ": no local transaction is active");
        }
    }
}
