package org.messagestore.server;

import org.messagestore.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.security.PasswordHash;
import org.messagestore.client.MessageStoreConnectionFactory;

/** The server in the test's own JVM: startup, what it serves, and what it leaves behind when it stops. */
class MessageStoreServerTest {

    @TempDir
    Path dataDir;

    @Test
    void servesATcpClientOnTheChosenPort() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(config(Map.of()))) {
            assertThat(server.port()).isPositive();

            JmsClient.send(server.port(), "orders", "hello");

            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("hello");
            assertThat(server.stop()).as("stopped cleanly").isTrue();
        }
    }

    @Test
    void persistentMessagesSurviveARestartOnTheSameDataDirectory() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(config(Map.of()))) {
            JmsClient.send(server.port(), "orders", "kept");
        }

        try (MessageStoreServer server = MessageStoreServer.start(config(Map.of()))) {
            assertThat(JmsClient.receive(server.port(), "orders")).as("the Xodus store is in use").isEqualTo("kept");
        }
    }

    @Test
    void storeKeysReachTheStore() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(config(Map.of("store.diskReserveMb", "1", "store.logCacheMb", "16")))) {
            assertThat(Files.size(dataDir.resolve("messagestore-space-reserve"))).isEqualTo(1L << 20);
        }
        assertThatThrownBy(() -> MessageStoreServer.start(config(Map.of("store.logCacheMb", "lots"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("store.logCacheMb");
    }

    @Test
    void usersAndAccessRulesFilesSecureTheBroker() throws Exception {
        Path users = dataDir.resolve("users.properties");
        Files.writeString(users, "app = " + PasswordHash.of("secret".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()
                + " ; producer\n");
        Path rules = dataDir.resolve("access.rules");
        Files.writeString(rules, "default = deny\nqueue:orders = send:producer; create:producer\n");
        var settings = Map.of("users.file", users.toString(), "accessRules.file", rules.toString());

        try (MessageStoreServer server = MessageStoreServer.start(config(settings))) {
            var factory = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + server.port());
            assertThatThrownBy(() -> factory.createConnection("app", "wrong").close())
                    .isInstanceOf(JMSSecurityException.class);
            try (Connection connection = factory.createConnection("app", "secret")) {
                Session session = connection.createSession();
                session.createProducer(session.createQueue("orders")).send(session.createTextMessage("allowed"));
                assertThatThrownBy(() -> session.createConsumer(session.createQueue("orders")))
                        .isInstanceOf(JMSSecurityException.class)
                        .hasMessageContaining("consume");
            }
        }
    }

    @Test
    void predeclaredQueuesExistWhenAutoCreateIsOff() throws Exception {
        var settings = Map.of("queues", "orders", "autoCreateDestinations", "false");
        try (MessageStoreServer server = MessageStoreServer.start(config(settings))) {
            JmsClient.send(server.port(), "orders", "declared");

            try (Connection connection = JmsClient.connect(server.port())) {
                Session session = connection.createSession();
                assertThatThrownBy(() -> session.createProducer(session.createQueue("undeclared"))
                        .send(session.createTextMessage("lost")))
                        .isInstanceOf(InvalidDestinationException.class);
            }
        }
    }

    @Test
    void aBusyPortFailsStartupAndReleasesTheStore() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig config = config(Map.of("port", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> MessageStoreServer.start(config))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
        // The failed start closed its store: another server can open the same directory.
        try (MessageStoreServer server = MessageStoreServer.start(config(Map.of()))) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void stopIsIdempotent() throws Exception {
        MessageStoreServer server = MessageStoreServer.start(config(Map.of()));

        assertThat(server.stop()).isTrue();
        assertThat(server.stop()).isTrue();
        server.awaitStopped();
    }

    private ServerConfig config(Map<String, String> settings) throws InvalidConfigException {
        Properties system = new Properties();
        system.setProperty("messagestore.name", "server-test");
        system.setProperty("messagestore.port", "0");
        system.setProperty("messagestore.metrics.port", "0");
        system.setProperty("messagestore.dataDir", dataDir.toString());
        settings.forEach((key, value) -> system.setProperty("messagestore." + key, value));
        return ServerConfigLoader.load(List.of(), Map.of(), system);
    }
}
