package org.messagestore.server;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores for the server's TLS tests, made with the JDK's keytool in a temporary directory:
 * the broker's certificate for 127.0.0.1 (PKCS12), a client trust store holding it, a client certificate
 * and a broker trust store holding that one (JKS, so the type key is exercised). Self-signed: each
 * certificate is its own CA.
 */
final class TlsKeyStores {

    static final String PASSWORD = "store-secret-1";

    final Path serverKeyStore;
    final Path clientTrustStore;
    final Path clientKeyStore;
    final Path serverTrustStore;

    TlsKeyStores(Path dir) throws IOException, InterruptedException {
        serverKeyStore = dir.resolve("server.p12");
        clientTrustStore = dir.resolve("client-trust.p12");
        clientKeyStore = dir.resolve("client.p12");
        serverTrustStore = dir.resolve("server-trust.jks");
        genKeyPair(serverKeyStore, "broker", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
        trust(serverKeyStore, "broker", dir.resolve("broker.crt"), clientTrustStore, "PKCS12");
        genKeyPair(clientKeyStore, "client", "CN=test-client", null);
        trust(clientKeyStore, "client", dir.resolve("client.crt"), serverTrustStore, "JKS");
    }

    /** An {@code ssl://} URL that trusts the broker's certificate, optionally presenting the client's. */
    String clientUrl(int port, boolean withCertificate) {
        String url = "ssl://127.0.0.1:" + port + "?connectTimeoutMillis=5000&trustStore=" + encode(clientTrustStore)
                + "&trustStorePassword=" + PASSWORD;
        return withCertificate ? url + "&keyStore=" + encode(clientKeyStore) + "&keyStorePassword=" + PASSWORD : url;
    }

    private static String encode(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }

    private static void genKeyPair(Path store, String alias, String dname, String extension)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
    }

    private static void trust(Path keyStore, String alias, Path certificate, Path trustStore, String type)
            throws IOException, InterruptedException {
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", type, "-storepass", PASSWORD));
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
