package org.messagestore.transport.tcp;

/**
 * How many TCP connections an acceptor keeps open: in total, and from one remote address. A connection
 * over either limit is closed as soon as it is accepted, before any handshake, so a flood of sockets
 * costs the broker neither a login nor a broker connection.
 *
 * @param maxConnections           open connections in total; default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param maxConnectionsPerAddress open connections from one remote IP address; default
 *                                 {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {

    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 500;

    public ConnectionLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1: in total " + maxConnections
                    + ", per address " + maxConnectionsPerAddress);
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }
}
