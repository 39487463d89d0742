package org.messagestore.ra.outbound;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.messagestore.ra.MessageStoreResourceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled physical connection to the broker: a client XAConnection with its XA session, whose
 * XAResource the server enlists in JTA transactions. Applications see it through
 * {@link ConnectionHandle}s; when the last one closes the pool takes it back, and {@link #cleanup()}
 * resets it (handles invalidated, their consumers, producers and temporary destinations closed) for
 * the next user.
 *
 * <p>Which session a handle's session works on:
 * <ul>
 *   <li>in a container-managed local transaction ({@link #getLocalTransaction()}): a transacted session
 *       the container commits;</li>
 *   <li>in an XA transaction, or asked for AUTO_ACKNOWLEDGE or a transacted session outside one: the XA
 *       session, which outside a branch acknowledges each message as AUTO_ACKNOWLEDGE does (the
 *       behaviour Jakarta Messaging 3.1, 12.3 recommends for {@code transacted = true} without a
 *       transaction);</li>
 *   <li>CLIENT_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE outside a transaction: a plain session in that mode.</li>
 * </ul>
 */
final class MessageStoreManagedConnection implements ManagedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStoreManagedConnection.class);

    private final MessageStoreManagedConnectionFactory factory;
    private final Credentials credentials;
    private final XAConnection physical;
    private final XASession xaSession;
    private final TrackedXAResource xaResource;
    private final ContainerLocalTransaction localTransaction = new ContainerLocalTransaction(this);
    private final Set<ConnectionHandle> handles = new CopyOnWriteArraySet<>();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private Session plainSession;
    private Session localSession;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    MessageStoreManagedConnection(MessageStoreManagedConnectionFactory factory, Credentials credentials)
            throws ResourceException {
        this.factory = factory;
        this.credentials = credentials;
        try {
            this.physical = factory.adapter().openXAConnection(credentials.user(), credentials.password());
        } catch (JMSException e) {
            throw resourceException("cannot connect to the broker", e);
        }
        try {
            physical.setExceptionListener(this::broken);
            this.xaSession = physical.createXASession();
            MessageStoreResourceAdapter adapter = factory.adapter();
            this.xaResource = new TrackedXAResource(xaSession.getXAResource(), adapter::recoveryResource);
        } catch (JMSException e) {
            closeQuietly();
            throw resourceException("cannot open the XA session", e);
        }
    }

    Credentials credentials() {
        return credentials;
    }

    boolean usable() {
        return !destroyed;
    }

    XAConnection physical() {
        return physical;
    }

    /** Whether the connection works for a transaction now, XA or container-managed local. */
    boolean inTransaction() {
        return xaResource.associated() || localTransaction.active();
    }

    /** The physical session a new session handle uses (see the class comment). */
    synchronized Session sessionFor(boolean transacted, int acknowledgeMode) throws JMSException {
        if (localTransaction.active()) {
            return localSession();
        }
        if (xaResource.associated() || transacted || acknowledgeMode == Session.AUTO_ACKNOWLEDGE
                || acknowledgeMode == Session.SESSION_TRANSACTED) {
            return xaSession;
        }
        if (plainSession != null && plainSession.getAcknowledgeMode() != acknowledgeMode) {
            plainSession.close();
            plainSession = null;
        }
        if (plainSession == null) {
            plainSession = physical.createSession(false, acknowledgeMode);
        }
        return plainSession;
    }

    boolean isXaSession(Session session) {
        return session == xaSession;
    }

    synchronized Session localSession() throws JMSException {
        if (localSession == null) {
            localSession = physical.createSession(true, Session.SESSION_TRANSACTED);
        }
        return localSession;
    }

    boolean isLocalSession(Session session) {
        return session != null && session == localSession;
    }

    // ---- ManagedConnection

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo request) throws ResourceException {
        checkUsable();
        Credentials asked = factory.credentialsFor(subject, request);
        if (!asked.equals(credentials)) {
            throw new jakarta.resource.spi.SecurityException("this connection belongs to " + credentials
                    + ", not " + asked + "; the pool should not have matched it");
        }
        ConnectionHandle handle = new ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!(connection instanceof ConnectionHandle handle)) {
            throw new ResourceException("not a MessageStore connection handle: " + connection);
        }
        handle.owner().handles.remove(handle);
        handle.reassign(this);
        handles.add(handle);
    }

    /** A handle was closed by its application: the server may take the connection back. */
    void handleClosed(ConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    @Override
    public void cleanup() throws ResourceException {
        handles.forEach(ConnectionHandle::invalidate);
        handles.clear();
        localTransaction.reset();
        synchronized (this) {
            closeQuietly(plainSession);
            closeQuietly(localSession);
            plainSession = null;
            localSession = null;
        }
    }

    @Override
    public void destroy() throws ResourceException {
        destroyed = true;
        handles.forEach(ConnectionHandle::invalidate);
        handles.clear();
        closeQuietly();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        checkUsable();
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        checkUsable();
        return localTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "MessageStore";
            }

            @Override
            public String getEISProductVersion() {
                try {
                    return physical.getMetaData().getProviderVersion();
                } catch (JMSException e) {
                    return "unknown";
                }
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit of its own
            }

            @Override
            public String getUserName() {
                return credentials.user();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // ----

    /** The broker connection failed: the pool must drop this connection rather than hand it out again. */
    private void broken(JMSException failure) {
        LOG.warn("pooled connection to the broker lost: {}", failure.getMessage());
        destroyed = true;
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, failure);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
    }

    private void checkUsable() throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException("this pooled connection was destroyed");
        }
    }

    private void closeQuietly() {
        try {
            physical.close();
        } catch (JMSException e) {
            LOG.debug("closing a pooled connection failed", e);
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (JMSException e) {
                LOG.debug("closing a pooled session failed", e);
            }
        }
    }

    static ResourceException resourceException(String what, JMSException cause) {
        return new ResourceAdapterInternalException(what + ": " + cause.getMessage(), cause);
    }

    @Override
    public String toString() {
        return "MessageStoreManagedConnection[" + credentials + ", " + handles.size() + " handle(s)]";
    }
}
