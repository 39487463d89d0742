package org.messagestore.server;

import org.messagestore.config.ConfigKey;

/** The text of {@code --help}: how to start the server and every configuration key with its default. */
final class Usage {

    private Usage() {
    }

    static String text() {
        var text = new StringBuilder()
                .append("Usage: java -jar broker-server.jar [broker.properties]\n\n")
                .append("The configuration file may also be named by -D").append(ServerConfigLoader.CONFIG_PROPERTY)
                .append("=<file> or ").append(ServerConfigLoader.CONFIG_ENVIRONMENT).append("=<file>.\n")
                .append("Each key can be overridden by an environment variable and, above that, a system property.\n\n");
        text.append(String.format("%-28s %-40s %-22s %s%n", "key", "environment / system property", "default", "meaning"));
        for (ConfigKey key : ConfigKey.values()) {
            text.append(String.format("%-28s %-40s %-22s %s%n", key.key(), key.environmentVariable(),
                    key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue(), key.description()));
            text.append(String.format("%-28s %-40s%n", "", "-D" + key.systemProperty()));
        }
        return text.toString();
    }
}
