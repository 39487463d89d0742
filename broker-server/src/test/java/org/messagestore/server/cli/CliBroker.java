package org.messagestore.server.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.server.MessageStoreServer;
import org.messagestore.server.ServerConfigLoader;

/**
 * A real server for the command line to talk to: the Xodus store on a temporary directory, TCP on an
 * ephemeral port of 127.0.0.1, no JMX or metrics endpoint (nothing the tool uses).
 */
final class CliBroker implements AutoCloseable {

    private final MessageStoreServer server;

    private CliBroker(MessageStoreServer server) {
        this.server = server;
    }

    static CliBroker start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /** With these configuration keys as well, e.g. {@code users.file}. */
    static CliBroker start(Path dataDir, Map<String, String> settings) throws Exception {
        Properties system = new Properties();
        system.setProperty("messagestore.name", "cli-test");
        system.setProperty("messagestore.port", "0");
        system.setProperty("messagestore.metrics.port", "off");
        system.setProperty("messagestore.jmx.enabled", "false");
        system.setProperty("messagestore.dataDir", dataDir.toString());
        settings.forEach((key, value) -> system.setProperty("messagestore." + key, value));
        return new CliBroker(MessageStoreServer.start(ServerConfigLoader.loadWithSources(List.of(), Map.of(), system).config()));
    }

    String url() {
        return "tcp://127.0.0.1:" + server.port();
    }

    /** How many messages {@code queue} holds, counted by a browser of the test's own. */
    int depth(String queue) throws JMSException {
        return depth(queue, null, null);
    }

    int depth(String queue, String user, String password) throws JMSException {
        try (Connection connection = new MessageStoreConnectionFactory(url()).createConnection(user, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                return Collections.list(browser.getEnumeration()).size();
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
