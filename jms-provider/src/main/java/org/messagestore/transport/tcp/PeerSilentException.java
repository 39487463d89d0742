package org.messagestore.transport.tcp;

/** The peer sent nothing, not even a heartbeat, for {@link TcpOptions#MISSED_HEARTBEATS} intervals. */
final class PeerSilentException extends Exception {

    PeerSilentException(long silentMillis) {
        super("no frame from the peer for " + silentMillis + " ms (heartbeats missed)", null, false, false);
    }
}
