package org.messagestore.broker.jmx;

import javax.management.ConstructorParameters;
import org.messagestore.broker.ConnectionInfo;

/**
 * A client connection as JMX shows it: one row of CompositeData, every column a plain value (the
 * connection time as ISO-8601 text).
 */
public final class ConnectionSummary {

    private final String id;
    private final String user;
    private final String clientId;
    private final int sessions;
    private final String connectedAt;

    @ConstructorParameters({"id", "user", "clientId", "sessions", "connectedAt"})
    public ConnectionSummary(String id, String user, String clientId, int sessions, String connectedAt) {
        this.id = id;
        this.user = user;
        this.clientId = clientId;
        this.sessions = sessions;
        this.connectedAt = connectedAt;
    }

    static ConnectionSummary of(ConnectionInfo info) {
        return new ConnectionSummary(info.id(), info.user(), info.clientId(), info.sessions(), info.connectedAt().toString());
    }

    /** The broker's id of the connection, which {@link BrokerControlMXBean#closeConnection} takes. */
    public String getId() {
        return id;
    }

    /** The user it logged in as; null when anonymous. */
    public String getUser() {
        return user;
    }

    /** Its client id, or null. */
    public String getClientId() {
        return clientId;
    }

    public int getSessions() {
        return sessions;
    }

    public String getConnectedAt() {
        return connectedAt;
    }
}
