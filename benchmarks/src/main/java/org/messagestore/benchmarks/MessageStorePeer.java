package org.messagestore.benchmarks;

import jakarta.jms.ConnectionFactory;
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
 * MessageStore wired as the standalone server wires it (Xodus store, broker, TCP acceptor on 127.0.0.1 with
 * an ephemeral port), embedded so the benchmark can read the store's counters.
 */
final class MessageStorePeer implements BrokerPeer {

    static final String NAME = "MessageStore";

    private final XodusMessageStore store;
    private final Broker broker;
    private final TcpAcceptor acceptor;

    private MessageStorePeer(XodusMessageStore store, Broker broker, TcpAcceptor acceptor) {
        this.store = store;
        this.broker = broker;
        this.acceptor = acceptor;
    }

    static MessageStorePeer start(Path dataDir) throws Exception {
        XodusMessageStore store = XodusMessageStore.open(dataDir);
        Broker broker = null;
        try {
            broker = Broker.start(BrokerConfig.defaults("benchmark").withStore(store));
            TcpAcceptor acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
            return new MessageStorePeer(store, broker, acceptor);
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            store.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
    }

    @Override
    public String durability() {
        return "Xodus store, one group commit (fdatasync) per flush; a persistent send returns after its fsync; "
                + "an acknowledgement is durable before the session goes on (AUTO_ACKNOWLEDGE: before it gets its next "
                + "message; CLIENT_ACKNOWLEDGE: before acknowledge() returns); "
                + "client prefetch 100 messages";
    }

    @Override
    public Optional<StoreCounters> storeCounters() {
        return Optional.of(StoreCountersProbe.read(store));
    }

    @Override
    public void close() {
        acceptor.close();
        broker.close();
        store.close();
    }
}
