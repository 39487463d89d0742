package org.messagestore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.ExpiryPolicy;
import org.messagestore.broker.MemoryLimitPolicy;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.broker.security.PasswordHash;
import org.messagestore.jndi.MessageStoreInitialContextFactory;

/** Embedded brokers take the server's configuration keys: from a file in the URL, the classpath, JNDI. */
class EmbeddedBrokerConfigTest {

    @TempDir
    Path dir;

    private final String name = "embedded-config-" + UUID.randomUUID();

    @AfterEach
    void stopTheBroker() {
        Broker broker = RunningBrokers.find(name);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSecuredBrokerFromAFileNamedInTheUrlThroughJndiAlone() throws Exception {
        Path config = write("secure.properties", """
                users.file = %s
                accessRules.file = %s
                allowAnonymous = false
                """.formatted(write("users.properties", "app = " + hash("secret") + " ; app\n"),
                write("access.properties", """
                        default = deny
                        queue:orders = send:app; consume:app; create:app
                        """)));
        Context jndi = jndi(Map.of(
                "connectionFactory.ConnectionFactory", "vm://" + name + "?config=" + config,
                "queue.Orders", "orders",
                "queue.Payroll", "payroll"));
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");

        assertThatThrownBy(() -> factory.createConnection("app", "wrong").close())
                .as("wrong password").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection().close())
                .as("anonymous").isInstanceOf(JMSSecurityException.class);
        try (Connection connection = factory.createConnection("app", "secret")) {
            Session session = connection.createSession();
            Queue orders = (Queue) jndi.lookup("Orders");
            session.createProducer(orders).send(session.createTextMessage("order 1"));
            connection.start();
            assertThat(((TextMessage) session.createConsumer(orders).receive(5_000)).getText()).isEqualTo("order 1");
            Queue payroll = (Queue) jndi.lookup("Payroll");
            assertThatThrownBy(() -> session.createProducer(payroll).send(session.createTextMessage("raise")))
                    .as("the access rules deny every other queue").isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void classpathFilesNameClasspathUsers() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) jndi(Map.of("connectionFactory.ConnectionFactory",
                "vm://" + name + "?config=classpath:embedded/secure-broker.properties")).lookup("ConnectionFactory");

        try (Connection ignored = factory.createConnection("reader", "reader-password")) {
            assertThat(RunningBrokers.find(name).config().redeliveryPolicyFor("q").maxDeliveries()).isEqualTo(4);
        }
        assertThatThrownBy(() -> factory.createConnection("reader", "guess").close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void jndiBrokerPropertiesConfigureTheBrokersItsVmFactoriesStart() throws Exception {
        Path users = write("users.properties", "app = " + hash("secret") + "\n");
        ConnectionFactory factory = (ConnectionFactory) jndi(Map.of(
                "connectionFactory.ConnectionFactory", "vm://" + name,
                "broker.users.file", users.toString(),
                "broker.expiry.queue", "Expired")).lookup("ConnectionFactory");

        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        try (Connection ignored = factory.createConnection("app", "secret")) {
            assertThat(RunningBrokers.find(name).config().expiryPolicyFor("any")).isEqualTo(ExpiryPolicy.moveTo("Expired"));
        }
    }

    @Test
    void urlOptionsOverrideTheFileAndTheUrlNamesTheBroker() throws Exception {
        Path config = write("broker.properties", """
                name = not-this-one
                redelivery.maxDeliveries = 5
                memory.limitMb = 16
                memory.limitPolicy = fail
                dataDir = %s
                """.formatted(dir.resolve("from-file")));

        BrokerConfig loaded = EmbeddedBrokerConfig.load(name, Map.of("config", config.toString(),
                "broker.redelivery.maxDeliveries", "3", "dataDir", dir.resolve("from-url").toString(),
                "clientId", "belongs-to-the-client"), getClass().getClassLoader());

        assertThat(loaded.name()).isEqualTo(name);
        assertThat(loaded.redelivery().maxDeliveries()).isEqualTo(3);
        assertThat(loaded.dataDir()).isEqualTo(dir.resolve("from-url"));
        assertThat(loaded.flowControl().memoryLimit()).isEqualTo(16L << 20);
        assertThat(loaded.flowControl().memoryLimitPolicy()).isEqualTo(MemoryLimitPolicy.FAIL);
    }

    @Test
    void theClasspathDefaultFileConfiguresBrokersWhoseUrlNamesNone() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve(EmbeddedBrokerConfig.DEFAULT_RESOURCE), "autoCreateDestinations = false\nqueues = a, b\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            BrokerConfig fromDefault = EmbeddedBrokerConfig.load(name, Map.of(), loader);
            BrokerConfig named = EmbeddedBrokerConfig.load(name, Map.of("config", write("other.properties", "").toString()), loader);

            assertThat(fromDefault.autoCreateDestinations()).isFalse();
            assertThat(fromDefault.queues()).containsExactlyInAnyOrder("a", "b");
            assertThat(named.autoCreateDestinations()).as("a file in the URL replaces the default file").isTrue();
        }
    }

    @Test
    void anUnknownKeyFailsTheFirstConnectionNamingItAndStartsNothing() throws Exception {
        Path config = write("typo.properties", "allowAnonymus = true\n");
        ConnectionFactory factory = (ConnectionFactory) jndi(Map.of(
                "connectionFactory.ConnectionFactory", "vm://" + name + "?config=" + config)).lookup("ConnectionFactory");

        assertThatThrownBy(() -> factory.createConnection().close())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("embedded broker '" + name + "'")
                .hasMessageContaining("unknown key 'allowAnonymus' in file " + config);
        assertThat(RunningBrokers.find(name)).isNull();
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndItsSource() {
        assertThatThrownBy(() -> EmbeddedBrokerConfig.load(name, Map.of("broker.redelivery.maxDeliveries", "many"),
                getClass().getClassLoader()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid value 'many' for key 'redelivery.maxDeliveries' (from URL option "
                        + "broker.redelivery.maxDeliveries): expected a whole number from 0 to " + Integer.MAX_VALUE);
        assertThatThrownBy(() -> EmbeddedBrokerConfig.load(name, Map.of("broker.colour", "blue"), getClass().getClassLoader()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("unknown key 'colour' in URL option broker.colour; known keys: name, ");
        assertThatThrownBy(() -> EmbeddedBrokerConfig.load(name, Map.of("config", "classpath:no/such.properties"),
                getClass().getClassLoader()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("configuration file classpath:no/such.properties does not exist");
    }

    @Test
    void aMissingUsersFileFailsNamingItsKey() {
        assertThatThrownBy(() -> EmbeddedBrokerConfig.load(name, Map.of("broker.users.file", "classpath:no/users.properties"),
                getClass().getClassLoader()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'users.file': cannot read users file classpath:no/users.properties");
    }

    @Test
    void acceptorKeysAreIgnoredByAnEmbeddedBroker() throws Exception {
        BrokerConfig loaded = EmbeddedBrokerConfig.load(name,
                Map.of("config", write("server.properties", "port = 61617\nhost = 0.0.0.0\nallowAnonymous = true\n").toString()),
                getClass().getClassLoader());

        assertThat(loaded.allowAnonymous()).isTrue();
    }

    private Path write(String file, String content) throws IOException {
        return Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }

    private static String hash(String password) {
        return PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    }

    private static Context jndi(Map<String, String> entries) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>(entries);
        environment.put(Context.INITIAL_CONTEXT_FACTORY, MessageStoreInitialContextFactory.class.getName());
        return new InitialContext(environment);
    }
}
