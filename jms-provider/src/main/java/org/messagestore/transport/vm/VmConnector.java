package org.messagestore.transport.vm;

import jakarta.jms.JMSException;
import java.nio.file.Path;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.transport.BrokerAddress;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;
import org.messagestore.transport.Connector;
import org.messagestore.broker.RunningBrokers;

/**
 * Connects to a broker in this JVM: {@code vm://name?create=false&dataDir=...}. The connection object
 * the client gets is the broker's own, so calls are direct method calls.
 *
 * <p>Options: {@code create} (default true) starts an embedded broker with the default configuration
 * when none of that name is running; {@code dataDir} is where that broker's store keeps its files
 * (default {@code ./data}, used only when a persistent store provider is on the classpath). An
 * embedded broker starts no threads of its own, so it never keeps the JVM alive.
 */
public final class VmConnector implements Connector {

    private final BrokerAddress address;

    public VmConnector(BrokerAddress address) {
        if (!"vm".equals(address.scheme())) {
            throw new IllegalArgumentException("VmConnector needs a vm:// address, not " + address.scheme() + "://");
        }
        this.address = address;
    }

    @Override
    public BrokerConnection connect(String user, String password, ConnectionListener listener) throws JMSException {
        return broker().connect(user, password, listener);
    }

    private Broker broker() throws JMSException {
        String name = address.host();
        if (!address.booleanOption("create", true)) {
            Broker running = RunningBrokers.find(name);
            if (running == null) {
                throw new JMSException("no broker named '" + name + "' is running in this JVM and create=false");
            }
            return running;
        }
        return RunningBrokers.findOrStart(name, () -> {
            BrokerConfig config = BrokerConfig.defaults(name);
            String dataDir = address.option("dataDir", null);
            return Broker.start(dataDir == null ? config : config.withDataDir(Path.of(dataDir)));
        });
    }

    @Override
    public String toString() {
        return "vm://" + address.host();
    }
}
