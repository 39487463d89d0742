package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/** What an operator does to waiting messages: purge, move, delete one, retry dead letters. */
class CliQueueOperationsTest {

    @TempDir
    Path dataDir;

    private CliBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = CliBroker.start(dataDir, Map.of("redelivery.maxDeliveries", "1"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void purgeRemovesTheSelectedMessagesThenTheRest() throws Exception {
        send("orders", "eu", 2);
        send("orders", "us", 3);

        CliRun selected = CliRun.run("queue", "purge", "orders", "--selector", "region = 'eu'", "--json", "--url", broker.url());
        assertThat(selected.exitCode()).as(selected.toString()).isZero();
        assertThat(selected.json().get(0).get("removed").asLong()).isEqualTo(2);
        assertThat(broker.depth("orders")).isEqualTo(3);

        CliRun rest = CliRun.run("queue", "purge", "orders", "--url", broker.url());
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        assertThat(rest.out()).containsPattern("(?m)^removed\\s*$").containsPattern("(?m)^\\s*3$");
        assertThat(broker.depth("orders")).isZero();
    }

    @Test
    void moveTakesTheMessagesToAnotherQueue() throws Exception {
        send("orders", "eu", 4);
        send("archive", "us", 1);

        CliRun moved = CliRun.run("queue", "move", "orders", "--to", "archive", "--json", "--url", broker.url());

        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.json().get(0).get("moved").asLong()).isEqualTo(4);
        assertThat(broker.depth("orders")).isZero();
        assertThat(broker.depth("archive")).isEqualTo(5);
    }

    @Test
    void moveToAQueueThatDoesNotExistMovesNothing() throws Exception {
        send("orders", "eu", 2);

        CliRun moved = CliRun.run("queue", "move", "orders", "--to", "nowhere", "--url", broker.url());

        assertThat(moved.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(moved.err()).contains("'nowhere'");
        assertThat(broker.depth("orders")).isEqualTo(2);
    }

    @Test
    void deleteRemovesOneMessageByIdAndFailsWhenItIsGone() throws Exception {
        send("orders", "eu", 2);
        String id = CliRun.run("queue", "browse", "orders", "--json", "--url", broker.url()).json().get(0)
                .get("messageId").asText();

        CliRun deleted = CliRun.run("queue", "delete", "orders", "--id", id, "--url", broker.url());
        CliRun again = CliRun.run("queue", "delete", "orders", "--id", id, "--url", broker.url());

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(broker.depth("orders")).isEqualTo(1);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("no message " + id + " on orders");
    }

    @Test
    void operationsOnAnUnknownQueueOrWithABadSelectorChangeNothing() throws Exception {
        send("orders", "eu", 2);

        CliRun unknown = CliRun.run("queue", "purge", "nope", "--url", broker.url());
        CliRun badSelector = CliRun.run("queue", "purge", "orders", "--selector", "region = = 1", "--url", broker.url());

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err()).contains("nope");
        assertThat(badSelector.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(broker.depth("orders")).isEqualTo(2);
    }

    @Test
    void dlqRetrySendsDeadLettersBackToTheirQueue() throws Exception {
        send("orders", "eu", 1);
        try (Connection connection = new MessageStoreConnectionFactory(broker.url()).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            Message message = consumer.receive(5_000);
            assertThat(message).isNotNull();
            session.rollback(); // one delivery allowed: dead-lettered
        }
        assertThat(broker.depth("DLQ")).isEqualTo(1);

        CliRun retried = CliRun.run("dlq", "retry", "--json", "--url", broker.url());

        assertThat(retried.exitCode()).as(retried.toString()).isZero();
        assertThat(retried.json().get(0).get("retried").asLong()).isEqualTo(1);
        assertThat(broker.depth("DLQ")).isZero();
        assertThat(broker.depth("orders")).isEqualTo(1);
    }

    private void send(String queue, String region, int count) {
        CliRun sent = CliRun.run("send", queue, "--text", region + " order", "--property", "region=" + region,
                "--count", String.valueOf(count), "--url", broker.url());
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
    }
}
