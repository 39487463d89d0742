package org.messagestore.transport.tcp;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds Netty {@link SslContext}s from {@link TlsOptions}, with the JDK's TLS implementation (no
 * native library needed). A key or trust store that cannot be read fails with a JMSException naming
 * the file and the reason, never the password.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext forServer(TlsOptions tls) throws JMSException {
        if (tls.keyStore() == null) {
            throw new JMSException("a TLS broker needs a key store with its certificate and private key");
        }
        try {
            return SslContextBuilder.forServer(keyManagers(tls))
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trustManagers(tls))
                    .clientAuth(tls.needClientAuth() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot set up TLS for the broker", e);
        }
    }

    static SslContext forClient(TlsOptions tls) throws JMSException {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(tls.keyStore() == null ? null : keyManagers(tls))
                    .trustManager(trustManagers(tls))
                    // Netty 4.2 verifies host names by default; null switches it off (option verifyHostname=false).
                    .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null)
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw failure("cannot set up TLS for the client", e);
        }
    }

    private static KeyManagerFactory keyManagers(TlsOptions tls) throws IOException, GeneralSecurityException {
        KeyStore store = load(tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(), "key store");
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, chars(tls.keyStorePassword()));
        return factory;
    }

    /** The configured trust store, or null: the JDK's default trust managers. */
    private static TrustManagerFactory trustManagers(TlsOptions tls) throws IOException, GeneralSecurityException {
        if (tls.trustStore() == null) {
            return null;
        }
        KeyStore store = load(tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType(), "trust store");
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static KeyStore load(Path file, String password, String type, String what) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars(password));
        } catch (IOException e) {
            // KeyStore reports a wrong password as an IOException; say which file it was.
            throw new IOException(what + " " + file + " (" + type + "): " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static JMSException failure(String what, Exception cause) {
        JMSException e = new JMSException(what + ": " + cause.getMessage());
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
