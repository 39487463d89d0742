package org.messagestore.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.messagestore.broker.Broker;
import org.messagestore.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server's HTTP endpoint for operators:
 * <ul>
 *   <li>{@code /metrics}: the broker's, the data directory's and the JVM's metrics, answered by the Prometheus
 *       client's own handler (text format, or protobuf and OpenMetrics when the scraper's Accept header asks);</li>
 *   <li>{@code /health/live}: 200 while the process runs;</li>
 *   <li>{@code /health/ready}: 200 when {@link Readiness} says so, else 503 with its reason as plain text.</li>
 * </ul>
 * The exporter's own HTTPServer serves only its metrics path and a fixed health path, so this endpoint runs the
 * JDK's HTTP server itself and mounts the exporter's {@link MetricsHandler} on it.
 *
 * <p>Each endpoint has its own registry: two servers in one JVM (tests) do not share metrics.
 *
 * <p>Threads: one, {@code messagestore-metrics-http}, owned here and stopped by {@link #close()}; it answers
 * requests one at a time (a scrape takes a broker snapshot and a walk of the data directory, both cheap).
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the metrics of {@code broker}, its {@code store} and {@code dataDir} on the address of
     * {@code settings}; JMSException when that address cannot be bound.
     */
    public static MetricsEndpoint start(MetricsSettings settings, Broker broker, MessageStore store, Path dataDir,
                                        Readiness readiness) throws JMSException {
        var registry = new PrometheusRegistry();
        registry.register(new BrokerCollector(broker, settings.maxQueues(), Clock.systemUTC()));
        registry.register(new DataDirectoryCollector(dataDir));
        registry.register(new StoreCollector(store));
        JvmMetrics.builder().register(registry);

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        } catch (IOException e) {
            var failure = new JMSException("cannot serve metrics on " + settings.host() + ":" + settings.port()
                    + " (metrics.host, metrics.port): " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            var thread = new Thread(task, "messagestore-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/health/live", exchange -> answer(exchange, 200, "live\n"));
        server.createContext("/health/ready", exchange -> ready(exchange, readiness));
        server.start();
        var endpoint = new MetricsEndpoint(server, executor);
        LOG.info("metrics on http://{}:{}/metrics", settings.host(), endpoint.port());
        return endpoint;
    }

    /** The port listened on (the chosen one when the settings say 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void ready(HttpExchange exchange, Readiness readiness) throws IOException {
        Optional<String> reason;
        try {
            reason = readiness.notReadyBecause();
        } catch (RuntimeException e) {
            reason = Optional.of("readiness check failed: " + e.getMessage());
        }
        if (reason.isEmpty()) {
            answer(exchange, 200, "ready\n");
        } else {
            answer(exchange, 503, "not ready: " + reason.get() + "\n");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    /** Stops listening at once (a scrape in progress is cut short) and stops the thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
