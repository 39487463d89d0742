package org.messagestore.transport.tcp;

import org.messagestore.transport.BrokerAddress;

/**
 * Settings of one side of the TCP transport. The client reads them from its URL
 * ({@code tcp://host:port?heartbeatMillis=5000&maxFrameBytes=...}), the acceptor takes them from
 * whoever starts it.
 *
 * @param heartbeatMillis      send a heartbeat after this long without writing; a peer silent for
 *                             {@value #MISSED_HEARTBEATS} intervals is declared dead and its
 *                             connection closed. The two sides agree on the smaller of their values
 *                             in the handshake. Default {@value #DEFAULT_HEARTBEAT_MILLIS}
 * @param maxFrameBytes        the largest frame this side accepts (a frame is one message plus
 *                             its headers, or one browse batch); a bigger one closes the connection.
 *                             Default {@value #DEFAULT_MAX_FRAME_BYTES}
 * @param connectTimeoutMillis client only: how long to wait for the TCP connection and the
 *                             handshake. Default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS}
 */
public record TcpOptions(int heartbeatMillis, int maxFrameBytes, int connectTimeoutMillis) {

    public static final int DEFAULT_PORT = 61616;
    public static final int DEFAULT_HEARTBEAT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    /** A peer that sent nothing (not even a heartbeat) for this many intervals is dead. */
    public static final int MISSED_HEARTBEATS = 3;
    /** A frame must at least hold its type byte and correlation id. */
    public static final int MIN_FRAME_BYTES = 1024;

    public TcpOptions {
        if (heartbeatMillis <= 0) {
            throw new IllegalArgumentException("heartbeatMillis must be positive, was " + heartbeatMillis);
        }
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES + ", was " + maxFrameBytes);
        }
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeoutMillis must be positive, was " + connectTimeoutMillis);
        }
    }

    public static TcpOptions defaults() {
        return new TcpOptions(DEFAULT_HEARTBEAT_MILLIS, DEFAULT_MAX_FRAME_BYTES, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    /** The options of a {@code tcp://} URL; absent ones keep their defaults. */
    public static TcpOptions from(BrokerAddress address) {
        return new TcpOptions(
                address.intOption("heartbeatMillis", DEFAULT_HEARTBEAT_MILLIS),
                address.intOption("maxFrameBytes", DEFAULT_MAX_FRAME_BYTES),
                address.intOption("connectTimeoutMillis", DEFAULT_CONNECT_TIMEOUT_MILLIS));
    }

    public TcpOptions withHeartbeatMillis(int millis) {
        return new TcpOptions(millis, maxFrameBytes, connectTimeoutMillis);
    }

    public TcpOptions withMaxFrameBytes(int bytes) {
        return new TcpOptions(heartbeatMillis, bytes, connectTimeoutMillis);
    }

    /** The heartbeat interval both sides use: the smaller of the two asked for (a non-positive request counts as none). */
    static int agreedHeartbeat(int mine, int theirs) {
        return theirs <= 0 ? mine : Math.min(mine, theirs);
    }
}
