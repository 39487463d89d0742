package org.messagestore.server.metrics;

import java.util.Objects;

/**
 * Where the standalone server serves {@code /metrics} and {@code /health}, read from the {@code metrics.*} keys.
 *
 * @param enabled   false when {@code metrics.port} is {@code off}: no HTTP server at all
 * @param host      {@code metrics.host}, the address listened on (loopback by default)
 * @param port      {@code metrics.port}; 0 for any free port
 * @param maxQueues {@code metrics.maxQueues}: queues and durable subscriptions exported one series each; the
 *                  rest are summed into one series per kind labelled {@code queue="(other)"}
 */
public record MetricsSettings(boolean enabled, String host, int port, int maxQueues) {

    public static final String OFF = "off";

    public MetricsSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
        if (maxQueues < 0) {
            throw new IllegalArgumentException("maxQueues " + maxQueues + " is negative");
        }
    }

    public static MetricsSettings off() {
        return new MetricsSettings(false, "127.0.0.1", 0, 0);
    }
}
