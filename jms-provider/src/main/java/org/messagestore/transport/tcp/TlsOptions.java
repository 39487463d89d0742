package org.messagestore.transport.tcp;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import org.messagestore.transport.BrokerAddress;

/**
 * TLS settings of one side of the TCP transport (Netty's SslHandler, with the JDK's TLS).
 *
 * <p>Broker: {@code TcpAcceptor.start(broker, host, port, options, TlsOptions.server(keyStore, password))},
 * plus {@link #withTrustStore} and {@link #withNeedClientAuth} for mutual TLS. Client: the URL
 * {@code ssl://host:port?trustStore=...&trustStorePassword=...&keyStore=...&keyStorePassword=...}
 * ({@link #fromClientUrl}).
 *
 * @param keyStore           this side's certificate and private key; required for the broker, for a
 *                           client only when the broker wants client certificates
 * @param keyStorePassword   the key store's password, also used for the private key
 * @param keyStoreType       {@code PKCS12} or {@code JKS}; default {@link KeyStore#getDefaultType()} (PKCS12;
 *                           the JDK reads JKS files through that type as well)
 * @param trustStore         the certificates (CAs) this side trusts for the peer's certificate; null:
 *                           the JDK's default trust store ({@code cacerts})
 * @param trustStorePassword the trust store's password
 * @param trustStoreType     as {@code keyStoreType}
 * @param needClientAuth     broker only: refuse clients without a certificate the trust store trusts
 *                           (mutual TLS); default false
 * @param verifyHostname     client only: the broker's certificate must name the host of the URL (RFC 2818
 *                           rules, as HTTPS); default true. Turn off only for tests
 */
public record TlsOptions(Path keyStore, String keyStorePassword, String keyStoreType,
                         Path trustStore, String trustStorePassword, String trustStoreType,
                         boolean needClientAuth, boolean verifyHostname) {

    public TlsOptions {
        keyStoreType = keyStoreType == null ? KeyStore.getDefaultType() : keyStoreType;
        trustStoreType = trustStoreType == null ? KeyStore.getDefaultType() : trustStoreType;
    }

    /** A broker's TLS: its key store, no client certificates asked for. */
    public static TlsOptions server(Path keyStore, String keyStorePassword) {
        return new TlsOptions(Objects.requireNonNull(keyStore, "keyStore"), keyStorePassword, null, null, null, null,
                false, true);
    }

    /** A client's TLS: trust the JDK's CAs, present no certificate, verify the host name. */
    public static TlsOptions client() {
        return new TlsOptions(null, null, null, null, null, null, false, true);
    }

    /**
     * The TLS options of an {@code ssl://} URL: {@code keyStore}, {@code keyStorePassword},
     * {@code keyStoreType}, {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType},
     * {@code verifyHostname} (default true). Absent ones keep the defaults of {@link #client()}.
     */
    public static TlsOptions fromClientUrl(BrokerAddress address) {
        String keyStore = address.option("keyStore", null);
        String trustStore = address.option("trustStore", null);
        return new TlsOptions(
                keyStore == null ? null : Path.of(keyStore),
                address.option("keyStorePassword", null),
                address.option("keyStoreType", null),
                trustStore == null ? null : Path.of(trustStore),
                address.option("trustStorePassword", null),
                address.option("trustStoreType", null),
                false,
                address.booleanOption("verifyHostname", true));
    }

    public TlsOptions withKeyStore(Path file, String password, String type) {
        return new TlsOptions(file, password, type, trustStore, trustStorePassword, trustStoreType, needClientAuth, verifyHostname);
    }

    public TlsOptions withTrustStore(Path file, String password) {
        return withTrustStore(file, password, null);
    }

    public TlsOptions withTrustStore(Path file, String password, String type) {
        return new TlsOptions(keyStore, keyStorePassword, keyStoreType, file, password, type, needClientAuth, verifyHostname);
    }

    public TlsOptions withNeedClientAuth(boolean need) {
        return new TlsOptions(keyStore, keyStorePassword, keyStoreType, trustStore, trustStorePassword, trustStoreType, need, verifyHostname);
    }

    public TlsOptions withVerifyHostname(boolean verify) {
        return new TlsOptions(keyStore, keyStorePassword, keyStoreType, trustStore, trustStorePassword, trustStoreType, needClientAuth, verify);
    }

    /** Without the passwords: this may be logged. */
    @Override
    public String toString() {
        return "TlsOptions[keyStore=" + keyStore + " (" + keyStoreType + "), trustStore="
                + (trustStore == null ? "JDK default" : trustStore + " (" + trustStoreType + ")")
                + ", needClientAuth=" + needClientAuth + ", verifyHostname=" + verifyHostname + "]";
    }
}
