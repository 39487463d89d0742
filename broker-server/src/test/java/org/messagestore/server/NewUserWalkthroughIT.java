package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's path for a new operator, with the packaged jars and the shell scripts a user runs: start the
 * server with {@code bin/messagestore-server}, list queues with {@code bin/messagestore}, scrape
 * {@code /metrics}, ask {@code /health/ready}, and send dead letters back with {@code dlq retry}. Runs after
 * {@code package} (failsafe), when the server jar and the tool's {@code -cli} jar exist.
 */
class NewUserWalkthroughIT {

    private static final Path BIN = Path.of("src/main/dist/bin");
    private static final Pattern LISTENING = Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern METRICS = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startListScrapeAndRetryDeadLettersWithTheShippedScripts() throws Exception {
        Path log = workDir.resolve("server.log");
        ProcessBuilder start = new ProcessBuilder("sh", BIN.resolve("messagestore-server").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().putAll(Map.of(
                "MESSAGESTORE_JAR", System.getProperty("messagestore.server.jar"),
                "MESSAGESTORE_PORT", "0",
                "MESSAGESTORE_METRICS_PORT", "0",
                "MESSAGESTORE_DATA_DIR", workDir.resolve("data").toString(),
                "MESSAGESTORE_REDELIVERY_MAX_DELIVERIES", "2"));
        server = start.start();
        String url = "tcp://127.0.0.1:" + await().atMost(WAIT).until(() -> found(LISTENING, log), p -> p != null);
        String metrics = await().atMost(WAIT).until(() -> found(METRICS, log), m -> m != null);

        Run sent = tool(url, "send", "orders", "--text", "order-1");
        assertThat(sent.status()).as(sent.toString()).isZero();
        Run listed = tool(url, "queue", "list");
        assertThat(listed.status()).as(listed.toString()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^orders +queue +1 ");

        assertThat(http(metrics + "/metrics").body()).contains("messagestore_queue_messages{kind=\"queue\",queue=\"orders\"} 1.0");
        assertThat(http(metrics + "/health/ready").statusCode()).isEqualTo(200);

        rollBackTwice(url); // redelivery.maxDeliveries=2: the order goes to DLQ
        await().atMost(WAIT).until(() -> tool(url, "queue", "stat", "DLQ").out(),
                out -> Pattern.compile("(?m)^depth +1$").matcher(out).find());

        Run retried = tool(url, "dlq", "retry");
        assertThat(retried.status()).as(retried.toString()).isZero();
        assertThat(retried.out()).containsPattern("retried\\s+1\\b");
        Run received = tool(url, "receive", "orders");
        assertThat(received.status()).as(received.toString()).isZero();
        assertThat(received.out()).contains("order-1");

        server.destroy(); // SIGTERM: a clean stop
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
    }

    private static String found(Pattern pattern, Path log) throws IOException {
        Matcher matcher = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void rollBackTwice(String url) throws Exception {
        try (Connection connection = new org.messagestore.client.MessageStoreConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            for (int i = 0; i < 2; i++) {
                assertThat(consumer.receive(10_000)).as("delivery " + (i + 1)).isNotNull();
                session.rollback();
            }
        }
    }

    private static HttpResponse<String> http(String address) throws Exception {
        return Scrape.client().send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int status, String out) {
    }

    /** {@code bin/messagestore --url <url> args...}, as a user types it. */
    private Run tool(String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", BIN.resolve("messagestore").toString(), "--url", url));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MESSAGESTORE_CLI_JAR", System.getProperty("messagestore.cli.jar"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("messagestore " + String.join(" ", args) + " ends").isTrue();
        return new Run(process.exitValue(), out);
    }
}
