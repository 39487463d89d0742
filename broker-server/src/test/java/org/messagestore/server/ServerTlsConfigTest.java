package org.messagestore.server;

import org.messagestore.config.ConfigKey;
import org.messagestore.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.transport.tcp.TlsOptions;

/** The {@code tls.*} keys: parsing, defaults, the stores read before startup, and passwords kept out of sight. */
class ServerTlsConfigTest {

    private static final String SECRET = TlsKeyStores.PASSWORD;

    @TempDir
    static Path keyDir;

    private static TlsKeyStores keys;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        keys = new TlsKeyStores(keyDir);
    }

    @Test
    void withoutAKeyStoreTheBrokerSpeaksPlainTcp() throws Exception {
        ServerConfig config = load(Map.of(), new Properties());

        assertThat(config.tls()).isNull();
        assertThat(config.scheme()).isEqualTo("tcp");
        config.checkTls();
    }

    @Test
    void fileSetsTheStoresAndTheEnvironmentThePasswords() throws Exception {
        Path file = Files.writeString(keyDir.resolve("tls.properties"), """
                tls.keyStore = %s
                tls.trustStore = %s
                tls.trustStoreType = JKS
                tls.needClientAuth = true
                """.formatted(keys.serverKeyStore, keys.serverTrustStore).replace("\\", "\\\\"), StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of(
                "MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET,
                "MESSAGESTORE_TLS_TRUST_STORE_PASSWORD", SECRET);

        ServerConfig config = ServerConfigLoader.load(List.of(file.toString()), environment, new Properties());

        assertThat(config.scheme()).isEqualTo("ssl");
        assertThat(config.tls()).isEqualTo(new TlsOptions(keys.serverKeyStore, SECRET, "PKCS12",
                keys.serverTrustStore, SECRET, "JKS", true, true));
        config.checkTls();
    }

    @Test
    void keyStoreTypeDefaultsToPkcs12AndClientCertificatesAreNotRequired() throws Exception {
        ServerConfig config = load(Map.of(), system("messagestore.tls.keyStore", keys.serverKeyStore.toString()));

        assertThat(config.tls().keyStoreType()).isEqualTo("PKCS12");
        assertThat(config.tls().trustStore()).isNull();
        assertThat(config.tls().needClientAuth()).isFalse();
    }

    @Test
    void environmentVariablesOfTheTlsKeys() {
        assertThat(ConfigKey.TLS_KEY_STORE.environmentVariable()).isEqualTo("MESSAGESTORE_TLS_KEY_STORE");
        assertThat(ConfigKey.TLS_KEY_STORE_PASSWORD.environmentVariable()).isEqualTo("MESSAGESTORE_TLS_KEY_STORE_PASSWORD");
        assertThat(ConfigKey.TLS_TRUST_STORE_TYPE.environmentVariable()).isEqualTo("MESSAGESTORE_TLS_TRUST_STORE_TYPE");
        assertThat(ConfigKey.TLS_NEED_CLIENT_AUTH.environmentVariable()).isEqualTo("MESSAGESTORE_TLS_NEED_CLIENT_AUTH");
    }

    @Test
    void passwordsAreNotInTheConfigurationsToString() throws Exception {
        ServerConfig config = load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET,
                "MESSAGESTORE_TLS_TRUST_STORE_PASSWORD", "trust-" + SECRET), tlsSystem(true));

        assertThat(config.toString()).contains(keys.serverKeyStore.toString(), "needClientAuth=true")
                .doesNotContain(SECRET);
        assertThat(config.tls().toString()).doesNotContain(SECRET);
    }

    @Test
    void aTlsKeyWithoutAKeyStoreFailsInsteadOfServingPlainTcp() {
        assertThatThrownBy(() -> load(Map.of(), system("messagestore.tls.needClientAuth", "true")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("key 'tls.needClientAuth'")
                .hasMessageContaining("set 'tls.keyStore' as well");
        assertThatThrownBy(() -> load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET), new Properties()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid value (hidden) for key 'tls.keyStorePassword' (from environment variable "
                        + "MESSAGESTORE_TLS_KEY_STORE_PASSWORD): TLS is off: set 'tls.keyStore' as well");
    }

    @Test
    void mutualTlsWithoutATrustStoreFails() {
        Properties system = system("messagestore.tls.keyStore", keys.serverKeyStore.toString());
        system.setProperty("messagestore.tls.needClientAuth", "true");

        assertThatThrownBy(() -> load(Map.of(), system))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("key 'tls.needClientAuth'")
                .hasMessageContaining("needs 'tls.trustStore'");
    }

    @Test
    void anUnknownStoreTypeFailsNamingTheKey() {
        Properties system = tlsSystem(false);
        system.setProperty("messagestore.tls.keyStoreType", "PKCS13");

        assertThatThrownBy(() -> load(Map.of(), system))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'PKCS13' for key 'tls.keyStoreType'");
    }

    @Test
    void aMissingKeyStoreFailsNamingTheKeyAndTheFile() throws Exception {
        Path missing = keyDir.resolve("no-such.p12");
        ServerConfig config = load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET),
                system("messagestore.tls.keyStore", missing.toString()));

        assertThatThrownBy(config::checkTls)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'tls.keyStore': ")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aWrongKeyStorePasswordFailsNamingThePasswordKeyButNotThePassword() throws Exception {
        ServerConfig config = load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", "wrong-" + SECRET),
                system("messagestore.tls.keyStore", keys.serverKeyStore.toString()));

        assertThatThrownBy(config::checkTls)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'tls.keyStorePassword': ")
                .hasMessageContaining(keys.serverKeyStore.toString())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aWrongTrustStorePasswordFailsNamingItsKey() throws Exception {
        ServerConfig config = load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET,
                "MESSAGESTORE_TLS_TRUST_STORE_PASSWORD", "wrong-" + SECRET), tlsSystem(true));

        assertThatThrownBy(config::checkTls)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'tls.trustStorePassword': ")
                .hasMessageContaining(keys.serverTrustStore.toString())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aTrustStoreGivenAsKeyStoreFailsBecauseItHoldsNoPrivateKey() throws Exception {
        ServerConfig config = load(Map.of("MESSAGESTORE_TLS_KEY_STORE_PASSWORD", SECRET),
                system("messagestore.tls.keyStore", keys.clientTrustStore.toString()));

        assertThatThrownBy(config::checkTls)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("key 'tls.keyStore': ")
                .hasMessageContaining("holds no private key");
    }

    @Test
    void helpMarksThePasswordsForTheEnvironment() {
        assertThat(Usage.text()).contains("tls.keyStorePassword", "MESSAGESTORE_TLS_KEY_STORE_PASSWORD", "PKCS12");
    }

    /** System properties for a TLS broker (passwords come from the environment); mutual TLS with the JKS trust store. */
    private static Properties tlsSystem(boolean mutual) {
        Properties system = system("messagestore.tls.keyStore", keys.serverKeyStore.toString());
        if (mutual) {
            system.setProperty("messagestore.tls.trustStore", keys.serverTrustStore.toString());
            system.setProperty("messagestore.tls.trustStoreType", "JKS");
            system.setProperty("messagestore.tls.needClientAuth", "true");
        }
        return system;
    }

    private static Properties system(String key, String value) {
        Properties system = new Properties();
        system.setProperty(key, value);
        return system;
    }

    private static ServerConfig load(Map<String, String> environment, Properties system) throws InvalidConfigException {
        return ServerConfigLoader.load(List.of(), environment, system);
    }
}
