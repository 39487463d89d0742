package org.messagestore.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.messagestore.config.ConfigKey;
import org.messagestore.config.ConfigResources;
import org.messagestore.config.ConfigValues;
import org.messagestore.config.InvalidConfigException;

/**
 * Reads the server's configuration. Each layer overrides the one before it:
 * <ol>
 *   <li>the defaults of {@link ConfigKey};</li>
 *   <li>the properties file (UTF-8), when one is named: the first command-line argument, else the
 *       system property {@value #CONFIG_PROPERTY}, else the environment variable
 *       {@value #CONFIG_ENVIRONMENT}. Without any, no file is read;</li>
 *   <li>environment variables {@code MESSAGESTORE_<KEY>};</li>
 *   <li>system properties {@code messagestore.<key>}.</li>
 * </ol>
 * Unknown keys in the file and unknown {@code messagestore.*} system properties are errors (a typo must
 * not silently leave a default in place). Other {@code MESSAGESTORE_*} environment variables are
 * ignored: scripts use that prefix for their own settings.
 */
public final class ServerConfigLoader {

    public static final String CONFIG_PROPERTY = "messagestore.config";
    public static final String CONFIG_ENVIRONMENT = "MESSAGESTORE_CONFIG";

    private ServerConfigLoader() {
    }

    /** The configuration of this process: its arguments, environment and system properties. */
    public static ServerConfig load(String[] args) throws InvalidConfigException {
        return load(List.of(args), System.getenv(), System.getProperties());
    }

    static ServerConfig load(List<String> args, Map<String, String> environment, Properties systemProperties)
            throws InvalidConfigException {
        return loadWithSources(args, environment, systemProperties).config();
    }

    /**
     * A configuration with the text and source of every key behind it, for a tool that shows where each
     * setting came from ({@code messagestore config check}).
     */
    public record Sourced(ServerConfig config, ConfigValues values) {
    }

    /** As the server loads its configuration from these arguments, environment and system properties. */
    public static Sourced loadWithSources(List<String> args, Map<String, String> environment,
                                          Properties systemProperties) throws InvalidConfigException {
        ConfigValues values = ConfigValues.defaults();
        Optional<Path> file = configFile(args, environment, systemProperties);
        if (file.isPresent()) {
            readFile(file.get(), values);
        }
        for (ConfigKey key : ConfigKey.values()) {
            String text = environment.get(key.environmentVariable());
            if (text != null) {
                values.put(key, text, "environment variable " + key.environmentVariable());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(ConfigKey.SYSTEM_PROPERTY_PREFIX) && !name.equals(CONFIG_PROPERTY)) {
                String key = name.substring(ConfigKey.SYSTEM_PROPERTY_PREFIX.length());
                values.put(ConfigValues.known(key, "system property " + name), systemProperties.getProperty(name),
                        "system property " + name);
            }
        }
        return new Sourced(ServerConfigParser.parse(values, file.orElse(null)), values);
    }

    /** The file named by the arguments, the system property or the environment, in that order. */
    static Optional<Path> configFile(List<String> args, Map<String, String> environment, Properties systemProperties)
            throws InvalidConfigException {
        if (args.size() > 1) {
            throw new InvalidConfigException("expected at most one argument, the configuration file, but got " + args);
        }
        String named = !args.isEmpty() ? args.get(0)
                : systemProperties.getProperty(CONFIG_PROPERTY, environment.get(CONFIG_ENVIRONMENT));
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.strip()));
    }

    private static void readFile(Path file, ConfigValues values) throws InvalidConfigException {
        Properties properties = new ConfigResources(ServerConfigLoader.class.getClassLoader()).properties(file.toString());
        values.putAll(properties, "file " + file);
    }
}
