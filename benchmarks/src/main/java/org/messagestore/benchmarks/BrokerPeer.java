package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One broker under test, started on a fresh data directory and reachable over one {@link Transport},
 * with client connection factories for it. Owns the broker's threads; {@link #close()} stops them (the
 * caller deletes the directory).
 */
interface BrokerPeer extends AutoCloseable {

    PeerVariant variant();

    /** A factory whose connections reach this broker over the peer's transport, configured as the variant says. */
    ConnectionFactory connectionFactory();

    /** The same client as an XA connection factory, for a transaction manager. */
    XAConnectionFactory xaConnectionFactory();

    /** What a send and an acknowledgement wait for with this peer, and the settings behind it, for the report. */
    String durability();

    /** The store's counters, when the peer exposes them. */
    default Optional<StoreCounters> storeCounters() {
        return Optional.empty();
    }

    @Override
    void close() throws Exception;

    /** A client URL for the settings report, its ephemeral port left out so that every child's run reads alike. */
    static String withoutPort(String url) {
        return url.replaceFirst(":\\d+", ":<port>");
    }

    /** Starts {@code variant}; each family's classes are only loaded by the JVM that runs it. */
    static BrokerPeer start(PeerVariant variant, Transport transport, Path dataDir) throws Exception {
        return switch (variant.family()) {
            case MESSAGESTORE -> MessageStorePeer.start(variant, transport, dataDir);
            case ARTEMIS -> ArtemisPeer.start(variant, transport, dataDir);
            case CLASSIC -> ClassicPeer.start(variant, transport, dataDir);
        };
    }
}
