package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.memory.InMemoryStore;

/** TLS and mutual TLS over real sockets on 127.0.0.1, with key stores made by keytool. */
class TlsTest {

    private static final long RECEIVE_MS = 5_000;

    @TempDir
    static Path keyDir;

    private static TestKeyStores keys;

    private Broker broker;
    private TcpAcceptor acceptor;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void makeKeyStores() throws Exception {
        keys = new TestKeyStores(keyDir);
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startBroker(TlsOptions tls) throws JMSException {
        broker = Broker.start(BrokerConfig.defaults("tls-test-" + UUID.randomUUID()).withStore(new InMemoryStore()));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults().withHeartbeatMillis(1_000), tls);
    }

    private static TlsOptions serverTls() {
        return TlsOptions.server(keys.serverKeyStore, TestKeyStores.PASSWORD);
    }

    private static TlsOptions mutualTls() {
        return serverTls().withTrustStore(keys.serverTrustStore, TestKeyStores.PASSWORD, "JKS").withNeedClientAuth(true);
    }

    private String url(String scheme, String... options) {
        return scheme + "://127.0.0.1:" + acceptor.port() + (options.length == 0 ? "" : "?" + String.join("&", options));
    }

    private static String option(String name, Object value) {
        return name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    private static String[] trusting() {
        return new String[] {option("trustStore", keys.clientTrustStore), option("trustStorePassword", TestKeyStores.PASSWORD),
                option("connectTimeoutMillis", 5_000)};
    }

    private static String[] withCertificate(Path keyStore) {
        List<String> options = new ArrayList<>(List.of(trusting()));
        options.add(option("keyStore", keyStore));
        options.add(option("keyStorePassword", TestKeyStores.PASSWORD));
        return options.toArray(String[]::new);
    }

    private Connection connect(String url) throws JMSException {
        Connection connection = new MessageStoreConnectionFactory(url).createConnection();
        open.add(connection);
        connection.start();
        return connection;
    }

    /** Sends and receives one message over {@code connection}, so the test proves the channel works. */
    private static void roundTrip(Connection connection) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("tls-" + UUID.randomUUID());
        MessageConsumer consumer = session.createConsumer(queue);
        session.createProducer(queue).send(session.createTextMessage("over TLS"));
        assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("over TLS");
    }

    @Test
    void clientTrustingTheBrokerCertificateSendsAndReceivesOverTls() throws Exception {
        startBroker(serverTls());

        roundTrip(connect(url("ssl", trusting())));
    }

    @Test
    void clientThatDoesNotTrustTheBrokerCertificateFailsWithAClearJmsException() throws Exception {
        startBroker(serverTls());

        // No trustStore option: the JDK's CAs, which do not include the test broker's self-signed certificate.
        assertThatThrownBy(() -> connect(url("ssl", option("connectTimeoutMillis", 5_000))))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("TLS handshake with broker ssl://127.0.0.1:" + acceptor.port() + " failed")
                .hasMessageContaining("trustStore");
    }

    @Test
    void clientRefusesATrustedBrokerCertificateThatNamesAnotherHost() throws Exception {
        startBroker(TlsOptions.server(keys.misnamedServerKeyStore, TestKeyStores.PASSWORD));

        assertThatThrownBy(() -> connect(url("ssl", trusting())))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("TLS handshake with broker ssl://127.0.0.1:" + acceptor.port() + " failed");

        List<String> unchecked = new ArrayList<>(List.of(trusting()));
        unchecked.add(option("verifyHostname", false));
        roundTrip(connect(url("ssl", unchecked.toArray(String[]::new))));
    }

    @Test
    void plainTcpClientCannotTalkToATlsBroker() throws Exception {
        startBroker(serverTls());

        assertThatThrownBy(() -> connect(url("tcp", option("connectTimeoutMillis", 5_000))))
                .isInstanceOf(JMSException.class);
    }

    @Test
    void bytesOfAPlainClientOnATlsPortAreNotLogged() {
        // What Netty reports for the Hello frame of a tcp:// client (a hex dump, which holds its password).
        var hexDump = new io.netty.handler.ssl.NotSslRecordException("not an SSL/TLS record: 0000001e01000000736563726574");

        assertThat(TcpPipeline.reason(new io.netty.handler.codec.DecoderException(hexDump)))
                .contains("does not speak TLS").doesNotContain("736563726574");
    }

    @Test
    void mutualTlsAcceptsAClientWithATrustedCertificate() throws Exception {
        startBroker(mutualTls());

        roundTrip(connect(url("ssl", withCertificate(keys.clientKeyStore))));
    }

    @Test
    void mutualTlsRejectsAClientWithoutACertificate() throws Exception {
        startBroker(mutualTls());

        assertThatThrownBy(() -> roundTrip(connect(url("ssl", trusting()))))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("ssl://127.0.0.1:" + acceptor.port())
                .hasMessageContaining("certificate");
    }

    @Test
    void mutualTlsRejectsAClientWithAnUntrustedCertificate() throws Exception {
        startBroker(mutualTls());

        assertThatThrownBy(() -> roundTrip(connect(url("ssl", withCertificate(keys.untrustedClientKeyStore)))))
                .isInstanceOf(JMSException.class).hasMessageContaining("certificate");
    }

    @Test
    void credentialsAndAccessRulesApplyOverTls() throws Exception {
        var rules = org.messagestore.broker.security.AccessRules.parse("rules", List.of("default = deny"));
        broker = Broker.start(BrokerConfig.defaults("tls-test-" + UUID.randomUUID()).withStore(new InMemoryStore())
                .withUsers(java.util.Map.of("alice", "alice-pw"))
                .withSecurity(org.messagestore.broker.security.SecurityConfig.defaults().withAccessRules(rules)));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults(), serverTls());
        var factory = new MessageStoreConnectionFactory(url("ssl", trusting()));

        assertThatThrownBy(() -> factory.createConnection("alice", "wrong-pw"))
                .isInstanceOf(jakarta.jms.JMSSecurityException.class).hasMessageContaining("alice")
                .hasMessageNotContaining("wrong-pw");
        Connection alice = factory.createConnection("alice", "alice-pw");
        open.add(alice);
        Session session = alice.createSession();
        assertThatThrownBy(() -> session.createProducer(session.createQueue("q")).send(session.createTextMessage("x")))
                .isInstanceOf(jakarta.jms.JMSSecurityException.class)
                .hasMessage("user 'alice' lacks permission 'send' on queue 'q'");
    }

    @Test
    void wrongKeyStorePasswordStopsTheAcceptorNamingTheFileButNotThePassword() throws Exception {
        broker = Broker.start(BrokerConfig.defaults("tls-test-" + UUID.randomUUID()).withStore(new InMemoryStore()));

        assertThatThrownBy(() -> TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults(),
                TlsOptions.server(keys.serverKeyStore, "not-the-password")))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining(keys.serverKeyStore.toString())
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void tlsOptionsDoNotShowPasswords() {
        assertThat(mutualTls().toString()).doesNotContain(TestKeyStores.PASSWORD).contains("needClientAuth=true");
    }
}
