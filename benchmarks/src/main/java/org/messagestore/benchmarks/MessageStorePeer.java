package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.xodus.StoreCountersProbe;
import org.messagestore.store.xodus.XodusMessageStore;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * MessageStore wired as the standalone server wires it (Xodus store, broker with its default settings), with
 * a TCP acceptor on 127.0.0.1 and an ephemeral port, or reached in-VM through {@code vm://<name>?create=false}
 * (the broker registers itself under its name when it starts). Embedded so the benchmark can read the
 * store's counters.
 *
 * <p>The lazy-acknowledgement variant differs only in its client URL: {@code lazyAutoAcknowledge=true}.
 * A client that predates the option ignores it, as it ignores every URL option it does not know; that
 * variant then measures exactly what MessageStore does.
 */
final class MessageStorePeer implements BrokerPeer {

    static final String LAZY_ACKS_OPTION = "lazyAutoAcknowledge=true";
    private static final String BROKER_NAME = "benchmark";

    private final PeerVariant variant;
    private final XodusMessageStore store;
    private final Broker broker;
    private final TcpAcceptor acceptor;
    private final String url;

    private MessageStorePeer(PeerVariant variant, XodusMessageStore store, Broker broker, TcpAcceptor acceptor) {
        this.variant = variant;
        this.store = store;
        this.broker = broker;
        this.acceptor = acceptor;
        String address = acceptor == null ? "vm://" + BROKER_NAME + "?create=false" : "tcp://127.0.0.1:" + acceptor.port();
        this.url = variant == PeerVariant.MESSAGESTORE_LAZY_ACKS
                ? address + (address.contains("?") ? "&" : "?") + LAZY_ACKS_OPTION
                : address;
    }

    static MessageStorePeer start(PeerVariant variant, Transport transport, Path dataDir) throws Exception {
        XodusMessageStore store = XodusMessageStore.open(dataDir);
        Broker broker = null;
        try {
            broker = Broker.start(BrokerConfig.defaults(BROKER_NAME).withStore(store));
            TcpAcceptor acceptor = transport == Transport.TCP ? TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults()) : null;
            return new MessageStorePeer(variant, store, broker, acceptor);
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            store.close();
            throw e;
        }
    }

    @Override
    public PeerVariant variant() {
        return variant;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new MessageStoreConnectionFactory(url);
    }

    @Override
    public XAConnectionFactory xaConnectionFactory() {
        return new MessageStoreConnectionFactory(url);
    }

    @Override
    public String durability() {
        String acknowledgements = variant == PeerVariant.MESSAGESTORE_LAZY_ACKS
                ? "AUTO_ACKNOWLEDGE acknowledges lazily in batches, as DUPS_OK_ACKNOWLEDGE does (URL option "
                + LAZY_ACKS_OPTION + ")"
                : "an acknowledgement is durable before the session goes on (AUTO_ACKNOWLEDGE: before it gets its next message)";
        return String.format("client URL %s; Xodus store, one group commit per flush, made durable by one fdatasync "
                        + "of its change journal (written in place); a persistent send and a commit return after their sync; "
                        + "%s; client prefetch %d messages",
                BrokerPeer.withoutPort(url), acknowledgements, MessageStoreConnectionFactory.DEFAULT_PREFETCH);
    }

    @Override
    public Optional<StoreCounters> storeCounters() {
        return Optional.of(StoreCountersProbe.read(store));
    }

    @Override
    public void close() {
        if (acceptor != null) {
            acceptor.close();
        }
        broker.close();
        store.close();
    }
}
