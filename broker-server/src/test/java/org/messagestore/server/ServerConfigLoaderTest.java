package org.messagestore.server;

import org.messagestore.config.ConfigKey;
import org.messagestore.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.ExpiryPolicy;
import org.messagestore.broker.RedeliveryPolicy;

class ServerConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withoutFileOrOverridesEveryDefaultApplies() throws Exception {
        ServerConfig config = load(List.of(), Map.of(), new Properties());

        assertThat(config.configFile()).isNull();
        assertThat(config.name()).isEqualTo("messagestore");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(61616);
        assertThat(config.broker().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.broker().storeSettings()).containsExactly(Map.entry("diskReserveMb", "8"));
        assertThat(config.heartbeatMillis()).isEqualTo(10_000);
        assertThat(config.maxFrameBytes()).isEqualTo(100 * 1024 * 1024);
        assertThat(config.broker().autoCreateDestinations()).isTrue();
        assertThat(config.broker().queues()).isEmpty();
        assertThat(config.broker().topics()).isEmpty();
        assertThat(config.broker().redelivery()).isEqualTo(RedeliveryPolicy.DEFAULT);
        assertThat(config.broker().expiryQueue()).isNull();
        assertThat(config.broker().usersFile()).isNull();
        assertThat(config.broker().allowAnonymous()).isFalse();
    }

    @Test
    void fileSetsEveryKey() throws Exception {
        Path file = write("""
                name = orders-broker
                host = 0.0.0.0
                port = 5445
                dataDir = /var/lib/messagestore
                store.diskReserveMb = 64
                store.logCacheMb = 128
                heartbeatMillis = 2000
                maxFrameBytes = 1048576
                autoCreateDestinations = false
                queues = orders.in, orders.out ,,
                topics = prices
                redelivery.delayMillis = 1500
                redelivery.maxDeliveries = 3
                redelivery.deadLetterQueue = orders.dead
                expiry.queue = ExpiryQueue
                users.file = conf/users.properties
                allowAnonymous = TRUE
                """);

        ServerConfig config = load(List.of(file.toString()), Map.of(), new Properties());

        assertThat(config.configFile()).isEqualTo(file);
        assertThat(config.name()).isEqualTo("orders-broker");
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(5445);
        assertThat(config.broker().dataDir()).isEqualTo(Path.of("/var/lib/messagestore"));
        assertThat(config.broker().storeSettings()).containsOnly(Map.entry("diskReserveMb", "64"), Map.entry("logCacheMb", "128"));
        assertThat(config.tcpOptions().heartbeatMillis()).isEqualTo(2000);
        assertThat(config.tcpOptions().maxFrameBytes()).isEqualTo(1_048_576);
        assertThat(config.broker().autoCreateDestinations()).isFalse();
        assertThat(config.broker().queues()).containsExactly("orders.in", "orders.out");
        assertThat(config.broker().topics()).containsExactly("prices");
        assertThat(config.broker().redelivery()).isEqualTo(new RedeliveryPolicy(1500, 3, "orders.dead"));
        assertThat(config.broker().expiryQueue()).isEqualTo("ExpiryQueue");
        assertThat(config.broker().usersFile()).isEqualTo("conf/users.properties");
        assertThat(config.broker().allowAnonymous()).isTrue();
    }

    @Test
    void environmentOverridesFileAndSystemPropertyOverridesEnvironment() throws Exception {
        Path file = write("port = 1000\nname = from-file\nqueues = a\n");
        Map<String, String> environment = Map.of("MESSAGESTORE_PORT", "2000", "MESSAGESTORE_NAME", "from-env");
        Properties system = properties("messagestore.port", "3000");

        ServerConfig config = load(List.of(file.toString()), environment, system);

        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.name()).isEqualTo("from-env");
        assertThat(config.broker().queues()).containsExactly("a");
    }

    @Test
    void environmentVariablesAreTheKeysInUpperSnakeCase() throws Exception {
        Map<String, String> environment = Map.of(
                "MESSAGESTORE_DATA_DIR", "/srv/data",
                "MESSAGESTORE_REDELIVERY_DELAY_MILLIS", "250",
                "MESSAGESTORE_REDELIVERY_DEAD_LETTER_QUEUE", "",
                "MESSAGESTORE_AUTO_CREATE_DESTINATIONS", "false",
                "MESSAGESTORE_MAX_FRAME_BYTES", "4096",
                "MESSAGESTORE_EXPIRY_QUEUE", "expired");

        ServerConfig config = load(List.of(), environment, new Properties());

        assertThat(config.broker().dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(config.broker().redelivery().redeliveryDelayMillis()).isEqualTo(250);
        assertThat(config.broker().redelivery().deadLetterQueue()).as("empty: discard").isNull();
        assertThat(config.broker().autoCreateDestinations()).isFalse();
        assertThat(config.maxFrameBytes()).isEqualTo(4096);
        assertThat(config.broker().expiryQueue()).isEqualTo("expired");
        assertThat(ConfigKey.USERS_FILE.environmentVariable()).isEqualTo("MESSAGESTORE_USERS_FILE");
        assertThat(ConfigKey.HEARTBEAT_MILLIS.environmentVariable()).isEqualTo("MESSAGESTORE_HEARTBEAT_MILLIS");
    }

    @Test
    void unknownEnvironmentVariablesWithThePrefixAreIgnored() throws Exception {
        ServerConfig config = load(List.of(), Map.of("MESSAGESTORE_OPTS", "-Xmx1g", "MESSAGESTORE_HOME", "/opt/ms"),
                new Properties());

        assertThat(config.port()).isEqualTo(61616);
    }

    @Test
    void fileIsNamedByArgumentThenSystemPropertyThenEnvironment() throws Exception {
        Path byArgument = write("a.properties", "name = argument\n");
        Path byProperty = write("b.properties", "name = property\n");
        Path byEnvironment = write("c.properties", "name = environment\n");
        Map<String, String> environment = Map.of("MESSAGESTORE_CONFIG", byEnvironment.toString());
        Properties system = properties("messagestore.config", byProperty.toString());

        assertThat(load(List.of(byArgument.toString()), environment, system).name()).isEqualTo("argument");
        assertThat(load(List.of(), environment, system).name()).isEqualTo("property");
        assertThat(load(List.of(), environment, new Properties()).name()).isEqualTo("environment");
    }

    @Test
    void aNamedFileThatDoesNotExistFailsStartup() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> load(List.of(missing.toString()), Map.of(), new Properties()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void badValueFailsWithKeyValueAndSource() throws Exception {
        Path file = write("port = 61616x\n");

        assertThatThrownBy(() -> load(List.of(file.toString()), Map.of(), new Properties()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid value '61616x' for key 'port' (from file " + file + "): "
                        + "expected a whole number from 0 to 65535");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.port", "70000")))
                .hasMessageContaining("'70000' for key 'port' (from system property messagestore.port)");
        assertThatThrownBy(() -> load(List.of(), Map.of("MESSAGESTORE_ALLOW_ANONYMOUS", "yes"), new Properties()))
                .hasMessage("invalid value 'yes' for key 'allowAnonymous' (from environment variable "
                        + "MESSAGESTORE_ALLOW_ANONYMOUS): expected true or false");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.maxFrameBytes", "10")))
                .hasMessageContaining("'10' for key 'maxFrameBytes'");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.heartbeatMillis", "0")))
                .hasMessageContaining("'0' for key 'heartbeatMillis'");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.redelivery.maxDeliveries", "-1")))
                .hasMessageContaining("'-1' for key 'redelivery.maxDeliveries'");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.name", " ")))
                .hasMessageContaining("for key 'name'").hasMessageContaining("must not be empty");
    }

    @Test
    void unknownKeysInTheFileOrSystemPropertiesFailStartup() throws Exception {
        Path file = write("prot = 1234\n");

        assertThatThrownBy(() -> load(List.of(file.toString()), Map.of(), new Properties()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("unknown key 'prot' in file " + file)
                .hasMessageContaining("known keys: name, host, port");
        assertThatThrownBy(() -> load(List.of(), Map.of(), properties("messagestore.datadir", "x")))
                .hasMessageStartingWith("unknown system property messagestore.datadir");
    }

    @Test
    void moreThanOneArgumentIsRefused() {
        assertThatThrownBy(() -> load(List.of("a.properties", "b.properties"), Map.of(), new Properties()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at most one argument");
    }

    @Test
    void brokerConfigCarriesTheSettings() throws Exception {
        Properties system = properties("messagestore.queues", "q1,q2");
        system.setProperty("messagestore.topics", "t1");
        system.setProperty("messagestore.autoCreateDestinations", "false");
        system.setProperty("messagestore.expiry.queue", "expired");
        system.setProperty("messagestore.dataDir", "store");
        system.setProperty("messagestore.allowAnonymous", "true");
        system.setProperty("messagestore.redelivery.maxDeliveries", "0");

        BrokerConfig broker = load(List.of(), Map.of(), system).brokerConfig();

        assertThat(broker.name()).isEqualTo("messagestore");
        assertThat(broker.store()).as("the server opens the store").isNull();
        assertThat(broker.dataDir()).isEqualTo(Path.of("store"));
        assertThat(broker.queues()).containsExactlyInAnyOrder("q1", "q2");
        assertThat(broker.topics()).containsExactly("t1");
        assertThat(broker.autoCreateDestinations()).isFalse();
        assertThat(broker.expiry()).isEqualTo(ExpiryPolicy.moveTo("expired"));
        assertThat(broker.redelivery().maxDeliveries()).isZero();
        assertThat(broker.allowAnonymous()).isTrue();
    }

    @Test
    void anUnreadableUsersFileFailsNamingTheKey() throws Exception {
        ServerConfig config = load(List.of(), Map.of(), properties("messagestore.users.file", "no-such-users.properties"));

        // Starting without the authentication the file asks for would be worse than not starting.
        assertThatThrownBy(config::brokerConfig)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'users.file'")
                .hasMessageContaining("no-such-users.properties");
    }

    @Test
    void anUnreadableAccessRulesFileFailsNamingTheKey() throws Exception {
        ServerConfig config = load(List.of(), Map.of(), properties("messagestore.accessRules.file", "no-such-rules"));

        assertThatThrownBy(config::brokerConfig)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'accessRules.file'")
                .hasMessageContaining("no-such-rules");
    }

    @Test
    void helpListsEveryKeyWithItsEnvironmentVariable() {
        String help = Usage.text();

        for (ConfigKey key : ConfigKey.values()) {
            assertThat(help).contains(key.key(), key.environmentVariable(), key.systemProperty());
        }
    }

    private static ServerConfig load(List<String> args, Map<String, String> environment, Properties system)
            throws InvalidConfigException {
        return ServerConfigLoader.load(args, environment, system);
    }

    private Path write(String content) throws IOException {
        return write("broker.properties", content);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
