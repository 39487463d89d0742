package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an operator runs it: its own JVM, a configuration file, clients from elsewhere, SIGTERM. */
class StandaloneServerProcessTest {

    @TempDir
    Path workDir;

    @Test
    void servesAnotherJvmAndStopsCleanlyOnSigterm() throws Exception {
        Files.writeString(workDir.resolve("broker.properties"), "name = child\nport = 61616\nqueues = orders\n");
        // The system property overrides the file's port: any free one, read from the log.
        var overrides = Map.of("messagestore.port", "0");

        try (ServerProcess server = ServerProcess.start(workDir, List.of("broker.properties"), overrides)) {
            int port = server.awaitPort();
            JmsClient.send(port, "orders", "round trip");
            assertThat(JmsClient.receive(port, "orders")).isEqualTo("round trip");
            JmsClient.send(port, "orders", "kept over the restart");

            assertThat(server.terminate()).as("exit status after SIGTERM").isZero();
            assertThat(server.output())
                    .anyMatch(line -> line.contains("MessageStore broker 'child' listening on tcp://127.0.0.1:" + port)
                            && line.contains("xodus store at"))
                    .anyMatch(line -> line.contains("SIGTERM received"))
                    .anyMatch(line -> line.contains("MessageStore broker 'child' stopped"));
        }
        assertThat(workDir.resolve("data")).as("the default data directory, in the working directory").isDirectory();

        try (ServerProcess restarted = ServerProcess.start(workDir, List.of("broker.properties"), overrides)) {
            int port = restarted.awaitPort();
            assertThat(JmsClient.receive(port, "orders")).isEqualTo("kept over the restart");
            assertThat(restarted.terminate()).isZero();
        }
    }

    @Test
    void aBadValueStopsStartupWithStatus2AndNamesTheKey() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, List.of(), Map.of("messagestore.heartbeatMillis", "soon"))) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.outputText())
                    .contains("invalid value 'soon' for key 'heartbeatMillis' (from system property messagestore.heartbeatMillis)");
        }
    }

    @Test
    void aBadMetricsPortStopsStartupWithStatus2AndNamesTheKey() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, List.of(), Map.of("messagestore.metrics.port", "http"))) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.outputText()).contains("invalid value 'http' for key 'metrics.port'");
        }
    }

    @Test
    void servesSslClientsWithTheKeyStorePasswordFromTheEnvironmentAndNeverLogsIt() throws Exception {
        var keys = new TlsKeyStores(workDir);
        Files.writeString(workDir.resolve("tls.properties"), "name = secure\nport = 0\ntls.keyStore = server.p12\n");

        try (ServerProcess wrong = ServerProcess.start(workDir, List.of("tls.properties"), Map.of(),
                Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", "wrong-" + TlsKeyStores.PASSWORD))) {
            assertThat(wrong.awaitExit()).isEqualTo(2);
            assertThat(wrong.outputText()).contains("key 'tls.keyStorePassword'").contains("server.p12")
                    .doesNotContain(TlsKeyStores.PASSWORD);
        }

        try (ServerProcess server = ServerProcess.start(workDir, List.of("tls.properties"), Map.of(),
                Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", TlsKeyStores.PASSWORD))) {
            int port = server.awaitPort();
            var factory = new org.messagestore.client.MessageStoreConnectionFactory(keys.clientUrl(port, false));
            try (var context = factory.createContext()) {
                var queue = context.createQueue("secure-orders");
                context.createProducer().send(queue, "over TLS");
                assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("over TLS");
            }

            assertThat(server.terminate()).isZero();
            assertThat(server.output()).anyMatch(line -> line.contains("MessageStore broker 'secure' listening on ssl://127.0.0.1:" + port));
            assertThat(server.outputText()).doesNotContain(TlsKeyStores.PASSWORD);
        }
    }
}
