package org.messagestore.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores for TLS tests, made with the JDK's keytool at test time in a temporary
 * directory: a broker certificate for 127.0.0.1 (PKCS12), a client's trust store with it (PKCS12),
 * a client certificate (PKCS12), a broker trust store with that (JKS, so both types are exercised),
 * a second client certificate that nobody trusts, and a broker certificate the client trusts but that
 * names another host ({@code broker.example.com}). All certificates are self-signed, so each is its
 * own CA.
 */
final class TestKeyStores {

    static final String PASSWORD = "changeit";

    final Path serverKeyStore;
    final Path clientTrustStore;
    final Path clientKeyStore;
    final Path serverTrustStore;
    final Path untrustedClientKeyStore;
    final Path misnamedServerKeyStore;

    TestKeyStores(Path dir) throws IOException, InterruptedException {
        serverKeyStore = dir.resolve("server.p12");
        clientTrustStore = dir.resolve("client-trust.p12");
        clientKeyStore = dir.resolve("client.p12");
        serverTrustStore = dir.resolve("server-trust.jks");
        untrustedClientKeyStore = dir.resolve("untrusted-client.p12");
        misnamedServerKeyStore = dir.resolve("misnamed-server.p12");

        genKeyPair(serverKeyStore, "broker", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
        trust(serverKeyStore, "broker", dir.resolve("broker.crt"), clientTrustStore, "PKCS12");
        genKeyPair(clientKeyStore, "client", "CN=test-client", null);
        trust(clientKeyStore, "client", dir.resolve("client.crt"), serverTrustStore, "JKS");
        genKeyPair(untrustedClientKeyStore, "stranger", "CN=stranger", null);
        genKeyPair(misnamedServerKeyStore, "misnamed", "CN=broker.example.com", "SAN=dns:broker.example.com");
        trust(misnamedServerKeyStore, "misnamed", dir.resolve("misnamed.crt"), clientTrustStore, "PKCS12");
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

    private static void trust(Path keyStore, String alias, Path certificate, Path trustStore, String trustStoreType)
            throws IOException, InterruptedException {
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", trustStoreType, "-storepass", PASSWORD));
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
