package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health/live} and {@code /health/ready}, as a load balancer or Kubernetes probe sees them. */
class HealthEndpointTest {

    @TempDir
    Path dataDir;

    @Test
    void aRunningServerIsLiveAndReady() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of())) {
            int port = MetricsServers.metricsPort(server);

            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
        }
    }

    @Test
    void aClosedBrokerIsNotReadyButTheProcessIsLive() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of())) {
            int port = MetricsServers.metricsPort(server);

            server.broker().close();

            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: ").contains("broker 'metrics-test' closed");
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theEndpointStopsWithTheServer() throws Exception {
        MessageStoreServer server = MetricsServers.start(dataDir, Map.of());
        int port = MetricsServers.metricsPort(server);
        assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);

        assertThat(server.stop()).isTrue();

        assertThatThrownBy(() -> get(port, "/health/live")).isInstanceOf(IOException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("messagestore-metrics-http"));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return Scrape.client().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
