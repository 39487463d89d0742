package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One broker under test, started on a fresh data directory and listening on 127.0.0.1 TCP, with a client
 * connection factory for it. Owns the broker's threads and its data directory; {@link #close()} stops
 * the one and deletes the other.
 */
interface BrokerPeer extends AutoCloseable {

    /** Every peer a run can compare; the first is the one the others are measured against. */
    List<String> NAMES = List.of(MessageStorePeer.NAME, ArtemisPeer.DEFAULT, ArtemisPeer.BLOCKING_ACKS);

    /** How the table names this peer. */
    String name();

    /** A factory whose connections go over TCP to this broker, with the client's default settings. */
    ConnectionFactory connectionFactory();

    /** What a send and an acknowledgement wait for with this peer, for the report. */
    String durability();

    /** The store's counters, when the peer exposes them. */
    default Optional<StoreCounters> storeCounters() {
        return Optional.empty();
    }

    @Override
    void close() throws Exception;

    /** Starts the peer called {@code name}; each peer's classes are only loaded by the JVM that runs it. */
    static BrokerPeer start(String name, Path dataDir) throws Exception {
        return switch (name) {
            case MessageStorePeer.NAME -> MessageStorePeer.start(dataDir);
            case ArtemisPeer.DEFAULT, ArtemisPeer.BLOCKING_ACKS -> ArtemisPeer.start(name, dataDir);
            default -> throw new IllegalArgumentException("unknown peer '" + name + "', expected one of " + NAMES);
        };
    }
}
