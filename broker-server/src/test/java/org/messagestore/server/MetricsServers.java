package org.messagestore.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.messagestore.config.InvalidConfigException;

/** Configurations of servers for the metrics tests: in a temporary directory, every port chosen freely. */
final class MetricsServers {

    private MetricsServers() {
    }

    static ServerConfig config(Path dataDir, Map<String, String> settings) throws InvalidConfigException {
        Properties system = new Properties();
        system.setProperty("messagestore.name", "metrics-test");
        system.setProperty("messagestore.port", "0");
        system.setProperty("messagestore.metrics.port", "0");
        system.setProperty("messagestore.dataDir", dataDir.toString());
        settings.forEach((key, value) -> system.setProperty("messagestore." + key, value));
        return ServerConfigLoader.load(List.of(), Map.of(), system);
    }

    static MessageStoreServer start(Path dataDir, Map<String, String> settings) throws Exception {
        return MessageStoreServer.start(config(dataDir, settings));
    }

    static int metricsPort(MessageStoreServer server) {
        return server.metricsPort().orElseThrow(() -> new AssertionError("metrics are off"));
    }
}
