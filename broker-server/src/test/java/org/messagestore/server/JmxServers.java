package org.messagestore.server;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;

/** Servers for the JMX tests: named {@value #NAME}, every port chosen freely, queue MBeans refreshed every 50 ms. */
final class JmxServers {

    static final String NAME = "jmx-test";
    static final Duration REFRESH = Duration.ofMillis(50);

    private JmxServers() {
    }

    static MessageStoreServer start(Path dataDir) throws Exception {
        return MessageStoreServer.start(MetricsServers.config(dataDir, Map.of("name", NAME)), REFRESH);
    }

    static MBeanServer platform() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
