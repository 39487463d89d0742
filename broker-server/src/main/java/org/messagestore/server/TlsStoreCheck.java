package org.messagestore.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import org.messagestore.config.ConfigKey;
import org.messagestore.config.InvalidConfigException;
import org.messagestore.transport.tcp.TlsOptions;

/**
 * Reads the TLS key and trust stores before anything starts, so that a wrong path, type or password stops
 * startup (exit status {@value MessageStoreServer#EXIT_BAD_CONFIG}) with a message naming the key at fault
 * and the file, never the password. The acceptor reads them again; this check only decides which key to blame.
 */
final class TlsStoreCheck {

    private TlsStoreCheck() {
    }

    static void check(TlsOptions tls) throws InvalidConfigException {
        KeyStore keyStore = load(tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(), "key store",
                ConfigKey.TLS_KEY_STORE, ConfigKey.TLS_KEY_STORE_PASSWORD, ConfigKey.TLS_KEY_STORE_TYPE);
        if (!holdsPrivateKey(keyStore)) {
            throw fail(ConfigKey.TLS_KEY_STORE, "key store " + tls.keyStore() + " holds no private key: the broker "
                    + "needs its certificate with its key (keytool -genkeypair), not only certificates");
        }
        try {
            // TlsOptions uses the store's password for the private key too.
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                    .init(keyStore, chars(tls.keyStorePassword()));
        } catch (UnrecoverableKeyException e) {
            throw fail(ConfigKey.TLS_KEY_STORE_PASSWORD, "cannot unlock the private key in " + tls.keyStore()
                    + " with this password (the key's password must be the key store's)");
        } catch (GeneralSecurityException e) {
            throw fail(ConfigKey.TLS_KEY_STORE, "cannot use key store " + tls.keyStore() + ": " + e.getMessage());
        }
        if (tls.trustStore() != null) {
            load(tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType(), "trust store",
                    ConfigKey.TLS_TRUST_STORE, ConfigKey.TLS_TRUST_STORE_PASSWORD, ConfigKey.TLS_TRUST_STORE_TYPE);
        }
    }

    private static KeyStore load(Path file, String password, String type, String what,
                                 ConfigKey fileKey, ConfigKey passwordKey, ConfigKey typeKey) throws InvalidConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw fail(fileKey, what + " " + file.toAbsolutePath() + " does not exist");
        } catch (AccessDeniedException e) {
            throw fail(fileKey, what + " " + file.toAbsolutePath() + " is not readable by this user");
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw fail(passwordKey, "wrong password for " + what + " " + file);
            }
            throw fail(fileKey, "cannot read " + what + " " + file + " as " + type + " (see '" + typeKey.key() + "'): "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw fail(fileKey, "cannot read " + what + " " + file + " as " + type + ": " + e.getMessage());
        }
    }

    private static boolean holdsPrivateKey(KeyStore store) throws InvalidConfigException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw fail(ConfigKey.TLS_KEY_STORE, e.getMessage());
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static InvalidConfigException fail(ConfigKey key, String why) {
        return new InvalidConfigException("key '" + key.key() + "': " + why);
    }
}
