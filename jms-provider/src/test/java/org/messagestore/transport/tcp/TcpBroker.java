package org.messagestore.transport.tcp;

import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;

/** A broker with a fresh data directory served on 127.0.0.1 and an ephemeral port, for one test. */
final class TcpBroker implements AutoCloseable {

    final Broker broker;
    final TcpAcceptor acceptor;

    TcpBroker(Path dataDir, TcpOptions options, UnaryOperator<BrokerConfig> customize) throws JMSException {
        broker = Broker.start(customize.apply(BrokerConfig.defaults("tcp-test-" + UUID.randomUUID()).withDataDir(dataDir)));
        try {
            acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, options);
        } catch (JMSException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    TcpBroker(Path dataDir) throws JMSException {
        this(dataDir, TcpOptions.defaults(), config -> config);
    }

    String url() {
        return "tcp://127.0.0.1:" + acceptor.port();
    }

    MessageStoreConnectionFactory factory(String options) {
        return new MessageStoreConnectionFactory(url() + (options.isEmpty() ? "" : "?" + options));
    }

    MessageStoreConnectionFactory factory() {
        return factory("");
    }

    @Override
    public void close() {
        acceptor.close();
        broker.close();
    }
}
