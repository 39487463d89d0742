package org.messagestore.transport.vm;

import jakarta.jms.JMSException;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.config.EmbeddedBrokerConfig;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;
import org.messagestore.transport.BrokerAddress;
import org.messagestore.transport.Connector;

/**
 * Connects to a broker in this JVM: {@code vm://name?create=false&config=...&dataDir=...}. The
 * connection object the client gets is the broker's own, so calls are direct method calls.
 *
 * <p>Options: {@code create} (default true) starts an embedded broker when none of that name is
 * running, configured as {@link EmbeddedBrokerConfig} describes ({@code config}, {@code broker.<key>},
 * {@code dataDir}); a broker that is already running keeps the configuration it started with. An
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
        return RunningBrokers.findOrStart(name, () -> Broker.start(embeddedConfig(name)));
    }

    /** The configuration of the broker this URL starts; a bad one fails the first connection, naming the key. */
    private BrokerConfig embeddedConfig(String name) throws JMSException {
        try {
            return EmbeddedBrokerConfig.load(name, address.options(), classLoader());
        } catch (InvalidConfigException e) {
            JMSException failure = new JMSException("cannot start the embedded broker '" + name + "': " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    /** The application's class loader where there is one (an application server's, say), for classpath: files. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : VmConnector.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "vm://" + address.host();
    }
}
