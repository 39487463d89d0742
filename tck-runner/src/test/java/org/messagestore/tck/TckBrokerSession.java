package org.messagestore.tck;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.messagestore.broker.Broker;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.transport.tcp.TcpAcceptor;
import org.messagestore.transport.tcp.TcpOptions;

/**
 * Runs the broker {@value #BROKER_NAME} for the whole TCK run: started when the JUnit launcher session
 * opens, before the first TCK class, and closed when it ends. {@code jndi.properties} connects to it
 * with {@code vm://tck?create=false}, so a test can never start a second, unconfigured broker.
 *
 * <p>It is configured as users configure an embedded broker: the first connection to
 * {@code vm://tck?config=classpath:tck-broker.properties} starts it, with what the TCK needs (TCK
 * contract, 2.3: user {@code j2ee}/{@code j2ee}, wrong credentials refused, anonymous connections
 * accepted) in that file. It keeps its messages in the default store (Xodus, unless the build left
 * store-xodus off the classpath). The TCK assumes an empty broker, so each run gets a new data
 * directory under {@code messagestore.tck.dataParent} (the module's build directory).
 *
 * <p>With {@code -Dmessagestore.tck.transport=tcp} it also opens a TCP acceptor on an ephemeral
 * loopback port and publishes its URL in the system property {@value #URL_PROPERTY}, which
 * {@code jndi.properties} reads, so the TCK runs over TCP.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 * Runs on the launcher's thread; the broker owns its own threads and stops them in {@link Broker#close()}.
 */
public final class TckBrokerSession implements LauncherSessionListener {

    static final String BROKER_NAME = "tck";
    /** {@code vm} (default) or {@code tcp}: how the TCK's connection factories reach the broker. */
    static final String TRANSPORT_PROPERTY = "messagestore.tck.transport";
    /** The broker URL that {@code jndi.properties} gives every connection factory. */
    static final String URL_PROPERTY = "messagestore.tck.url";
    /** The broker's configuration file, on the test classpath. */
    static final String CONFIG = "classpath:tck-broker.properties";

    private Broker broker;
    private TcpAcceptor acceptor;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = "vm://" + BROKER_NAME + "?config=" + CONFIG + "&dataDir="
                + URLEncoder.encode(newDataDirectory().toString(), StandardCharsets.UTF_8);
        try {
            try (Connection first = new MessageStoreConnectionFactory(url).createConnection()) {
                broker = RunningBrokers.find(BROKER_NAME); // started by this first connection; closed below
            }
            if ("tcp".equals(System.getProperty(TRANSPORT_PROPERTY, "vm"))) {
                // Every TCK connection then crosses a real socket on 127.0.0.1 (ephemeral port).
                acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
                System.setProperty(URL_PROPERTY, "tcp://127.0.0.1:" + acceptor.port() + "?heartbeatMillis=60000");
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot start the TCK broker '" + BROKER_NAME + "'", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (acceptor != null) {
            acceptor.close();
            acceptor = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private static Path newDataDirectory() {
        Path parent = Path.of(System.getProperty("messagestore.tck.dataParent", "target"));
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "tck-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the TCK broker under " + parent, e);
        }
    }
}
