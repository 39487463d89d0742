package org.messagestore.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * The server dies between the transaction manager's decision and MessageStore's commit, and the
 * recovery manager of the restarted server commits the in-doubt branch. Its own WildFly, on its own
 * ports and base directory, started and killed by the test:
 * <ol>
 *   <li>a servlet starts a JTA transaction, enlists a {@link HaltingXAResource} first, then sends a
 *       message through MessageStore and inserts a row through the H2 XA datasource, and commits;</li>
 *   <li>both branches prepare, the decision is logged, and the halting resource's commit halts the
 *       JVM (the embedded broker dies with it) before the other branches commit;</li>
 *   <li>the server starts again on the same data; the broker recovers its prepared branch from the
 *       store; the test asks the recovery manager for scans until the row and the message are both
 *       there and the broker has no prepared branch left.</li>
 * </ol>
 */
class CrashRecoveryIT {

    private static final int PORT_OFFSET = 410;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final int RECOVERY_LISTENER_PORT = 4712 + PORT_OFFSET;
    private static final Duration BOOT = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path base = Path.of(System.getProperty("wildfly.recovery.dir"));
    private Process server;

    @Test
    void theRecoveryManagerCommitsTheBranchAServerCrashLeftInDoubt() throws Exception {
        deploy();
        server = start();
        assertEquals("ready", awaitAnswer("/tx/ready", BOOT));

        String id = "order-" + System.nanoTime();
        assertThrows(IOException.class, () -> get("/tx/commit?id=" + id), "the server halts inside the commit");
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server process ended");
        assertEquals(137, server.exitValue(), "halted by the test resource");

        server = start();
        assertEquals("ready", awaitAnswer("/tx/ready", BOOT));
        String state = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !state.equals("row=true messages=1 prepared=0")) {
            scanForRecovery();
            state = get("/tx/state?id=" + id);
        }
        assertEquals("row=true messages=1 prepared=0", state, "the row and the message agree, nothing stays prepared");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    /** The deployment scanner of standalone.xml deploys what is in deployments/ when the server boots. */
    private void deploy() throws IOException {
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Deployments.adapter().as(ZipExporter.class).exportTo(deployments.resolve(Deployments.ADAPTER).toFile(), true);
        Deployments.application("crash", CrashServlet.class, HaltingXAResource.class)
                .as(ZipExporter.class).exportTo(deployments.resolve("crash.war").toFile(), true);
    }

    private Process start() throws IOException {
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(System.getProperty("jboss.home"))
                .setJavaHome(System.getProperty("java.home"))
                .setBaseDirectory(base)
                .setServerConfiguration("standalone-messagestore.xml")
                .addJavaOptions("-Xms64m", "-Xmx512m", "-Djava.net.preferIPv4Stack=true",
                        "-Djboss.socket.binding.port-offset=" + PORT_OFFSET, "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1", "-Djboss.bind.address.private=127.0.0.1");
        return Launcher.of(command).setRedirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile())).launch();
    }

    /** Polls until the application answers (the server boots and deploys), failing after {@code timeout}. */
    private String awaitAnswer(String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "the server process is running");
            try {
                return get(path);
            } catch (IOException e) {
                last = e;
                server.waitFor(250, TimeUnit.MILLISECONDS); // the process ending wakes this early
            }
        }
        throw new AssertionError("no answer from " + path + " within " + timeout, last);
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/crash" + path))
                        .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Narayana's recovery listener runs a full recovery pass for each SCAN and answers DONE. */
    private static void scanForRecovery() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RECOVERY_LISTENER_PORT)) {
            socket.setSoTimeout(60_000);
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("SCAN\n");
            out.flush();
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (ConnectException e) {
            throw new IOException("the recovery listener is not on port " + RECOVERY_LISTENER_PORT, e);
        }
    }
}
