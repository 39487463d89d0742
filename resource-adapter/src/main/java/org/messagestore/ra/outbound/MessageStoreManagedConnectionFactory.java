package org.messagestore.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;
import org.messagestore.ra.MessageStoreResourceAdapter;

/**
 * The outbound connection definition: makes the pooled {@link MessageStoreManagedConnection}s and
 * the {@link PooledConnectionFactory} applications look up.
 *
 * <p>Sign-on: container-managed (a {@link PasswordCredential} for this factory in the Subject the
 * server passes) wins, then component-managed ({@code createConnection(user, password)}), then this
 * factory's userName, then the adapter's; with none, connections log in without credentials.
 */
public class MessageStoreManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private String userName;
    private String password;
    private transient MessageStoreResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connections) {
        return new PooledConnectionFactory(this, connections);
    }

    /** Outside an application server: every connection is its own, closed with its handle. */
    @Override
    public Object createConnectionFactory() {
        return new PooledConnectionFactory(this, new UnpooledConnections());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo request) throws ResourceException {
        return new MessageStoreManagedConnection(this, credentialsFor(subject, request));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo request)
            throws ResourceException {
        Credentials wanted = credentialsFor(subject, request);
        for (Object candidate : candidates) {
            if (candidate instanceof MessageStoreManagedConnection connection && connection.usable()
                    && connection.credentials().equals(wanted)) {
                return connection;
            }
        }
        return null;
    }

    Credentials credentialsFor(Subject subject, ConnectionRequestInfo request) {
        if (subject != null) {
            for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (credential.getManagedConnectionFactory() == null || equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(), new String(credential.getPassword()));
                }
            }
        }
        if (request instanceof ConnectionRequest asked && asked.user() != null) {
            return new Credentials(asked.user(), asked.password());
        }
        if (userName != null && !userName.isBlank()) {
            return new Credentials(userName, password);
        }
        return new Credentials(null, null); // the adapter's userName, if any, applies when connecting
    }

    MessageStoreResourceAdapter adapter() throws ResourceException {
        if (adapter == null) {
            throw new jakarta.resource.spi.IllegalStateException("this connection factory is not associated with a MessageStore resource adapter");
        }
        return adapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof MessageStoreResourceAdapter messageStore)) {
            throw new ResourceException("expected the MessageStore resource adapter, got " + adapter);
        }
        this.adapter = messageStore;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageStoreManagedConnectionFactory that && Objects.equals(userName, that.userName)
                && Objects.equals(password, that.password) && adapter == that.adapter;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(userName);
    }

    @Override
    public String toString() {
        return "MessageStoreManagedConnectionFactory[" + (userName == null ? "" : "user=" + userName + ", ") + adapter + "]";
    }
}
