package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.config.InvalidConfigException;

/** The {@code metrics.*} keys: on by default on loopback, off on request, bad values named. */
class MetricsConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsServeOnLoopbackPort9404() throws Exception {
        var settings = ServerConfigLoader.load(java.util.List.of(), Map.of(), new java.util.Properties()).metrics();

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9404);
        assertThat(settings.maxQueues()).isEqualTo(1000);
    }

    @Test
    void portOffStartsNoHttpServer() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of("metrics.port", "off"))) {
            assertThat(server.metricsPort()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("messagestore-metrics-http"));
            JmsClient.send(server.port(), "orders", "still served");
        }
    }

    @Test
    void aBadPortIsAConfigErrorNamingTheKey() {
        for (String bad : new String[] {"ninety", "70000", "-1", ""}) {
            assertThatThrownBy(() -> MetricsServers.config(dataDir, Map.of("metrics.port", bad)))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("for key 'metrics.port'")
                    .hasMessageContaining("off");
        }
        assertThatThrownBy(() -> MetricsServers.config(dataDir, Map.of("metrics.maxQueues", "many")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("metrics.maxQueues");
    }

    @Test
    void aBusyMetricsPortFailsStartupAndReleasesTheStore() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var config = MetricsServers.config(dataDir, Map.of("metrics.port", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> MessageStoreServer.start(config))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("metrics.port");
        }
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of())) {
            assertThat(server.metricsPort()).isPresent();
        }
    }
}
