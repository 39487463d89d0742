package org.messagestore.server;

import org.messagestore.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/** The server in the test's JVM with {@code tls.*} keys: it serves ssl:// clients only, and mutual TLS when asked. */
class MessageStoreServerTlsTest {

    @TempDir
    static Path keyDir;

    @TempDir
    Path dataDir;

    private static TlsKeyStores keys;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        keys = new TlsKeyStores(keyDir);
    }

    @Test
    void servesAnSslClientAndRefusesAPlainTcpOne() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(config(false))) {
            assertThat(roundTrip(keys.clientUrl(server.port(), false))).isEqualTo("over TLS");

            assertThatThrownBy(() -> roundTrip("tcp://127.0.0.1:" + server.port() + "?connectTimeoutMillis=5000"))
                    .isInstanceOf(JMSException.class);
        }
    }

    @Test
    void mutualTlsServesAClientWithACertificateAndRefusesOneWithout() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(config(true))) {
            assertThat(roundTrip(keys.clientUrl(server.port(), true))).isEqualTo("over TLS");

            assertThatThrownBy(() -> roundTrip(keys.clientUrl(server.port(), false)))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("ssl://127.0.0.1:" + server.port())
                    .hasMessageContaining("certificate");
        }
    }

    @Test
    void aWrongKeyStorePasswordStopsStartupBeforeTheStoreIsOpened() throws Exception {
        Properties system = system(false);
        ServerConfig config = ServerConfigLoader.load(List.of(),
                Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", "not-the-password"), system);

        assertThatThrownBy(() -> MessageStoreServer.start(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'tls.keyStorePassword'")
                .hasMessageNotContaining("not-the-password");
        // Nothing was left open: a server on the same data directory starts.
        try (MessageStoreServer server = MessageStoreServer.start(config(false))) {
            assertThat(server.port()).isPositive();
        }
    }

    private static String roundTrip(String url) throws JMSException {
        try (Connection connection = new MessageStoreConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue("tls-orders");
            var consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("over TLS"));
            var message = (TextMessage) consumer.receive(5_000);
            return message == null ? null : message.getText();
        }
    }

    private ServerConfig config(boolean mutual) throws InvalidConfigException {
        return ServerConfigLoader.load(List.of(), Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", TlsKeyStores.PASSWORD,
                "MESSAGESTORE_TLS_TRUST_STORE_PASSWORD", TlsKeyStores.PASSWORD), system(mutual));
    }

    private Properties system(boolean mutual) {
        Properties system = new Properties();
        system.setProperty("messagestore.name", "tls-server-test");
        system.setProperty("messagestore.port", "0");
        system.setProperty("messagestore.metrics.port", "0");
        system.setProperty("messagestore.dataDir", dataDir.toString());
        system.setProperty("messagestore.tls.keyStore", keys.serverKeyStore.toString());
        if (mutual) {
            system.setProperty("messagestore.tls.trustStore", keys.serverTrustStore.toString());
            system.setProperty("messagestore.tls.trustStoreType", "JKS");
            system.setProperty("messagestore.tls.needClientAuth", "true");
        }
        return system;
    }
}
