package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/** {@code send}, {@code receive} and {@code queue browse} against a real broker over TCP. */
class CliMessagingTest {

    @TempDir
    Path dataDir;

    private CliBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = CliBroker.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void sentMessagesCanBeBrowsedThenReceived() throws Exception {
        CliRun sent = CliRun.run("send", "orders", "--text", "hello", "--count", "3", "--url", broker.url());
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        assertThat(sent.out()).contains("orders").contains("3").contains("ID:");

        CliRun browsed = CliRun.run("--url", broker.url(), "queue", "browse", "orders", "--json");
        assertThat(browsed.exitCode()).as(browsed.toString()).isZero();
        JsonNode rows = browsed.json();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("body").asText()).isEqualTo("hello");
        assertThat(rows.get(0).get("type").asText()).isEqualTo("text");
        assertThat(rows.get(0).get("messageId").asText()).startsWith("ID:");
        assertThat(broker.depth("orders")).as("browsing consumes nothing").isEqualTo(3);

        CliRun received = CliRun.run("receive", "orders", "--count", "2", "--url", broker.url());
        assertThat(received.exitCode()).as(received.toString()).isZero();
        assertThat(received.out().lines()).hasSize(3).first().asString().startsWith("messageId");
        assertThat(broker.depth("orders")).as("received messages are acknowledged").isEqualTo(1);
    }

    @Test
    void sendSetsPropertiesAndDeliveryMode() throws Exception {
        CliRun sent = CliRun.run("send", "orders", "--text", "{\"id\":1}", "--property", "region=eu",
                "--property", "kind=test", "--non-persistent", "--url", broker.url());
        assertThat(sent.exitCode()).as(sent.toString()).isZero();

        try (Connection connection = new MessageStoreConnectionFactory(broker.url()).createConnection()) {
            Session session = connection.createSession();
            var consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            var message = (TextMessage) consumer.receive(5_000);
            assertThat(message.getText()).isEqualTo("{\"id\":1}");
            assertThat(message.getStringProperty("region")).isEqualTo("eu");
            assertThat(message.getStringProperty("kind")).isEqualTo("test");
            assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        }
    }

    @Test
    void sendReadsTheBodyFromStandardInputWithoutText() throws Exception {
        CliRun sent = CliRun.with(Map.of()).stdin("line one\nline two\n").run("send", "queue://orders", "--url", broker.url());
        assertThat(sent.exitCode()).as(sent.toString()).isZero();

        CliRun received = CliRun.run("receive", "orders", "--json", "--url", broker.url());
        assertThat(received.json().get(0).get("body").asText()).isEqualTo("line one\nline two\n");
    }

    @Test
    void tableCellsStayOnOneLine() throws Exception {
        CliRun.run("send", "orders", "--text", "a\nb", "--url", broker.url());

        CliRun browsed = CliRun.run("queue", "browse", "orders", "--url", broker.url());

        assertThat(browsed.out().lines()).hasSize(2);
        assertThat(browsed.out()).contains("a\\nb");
    }

    @Test
    void sendToATopicReachesItsSubscribers() throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory(broker.url()).createConnection()) {
            Session session = connection.createSession();
            var subscriber = session.createConsumer(session.createTopic("prices"));
            connection.start();

            CliRun sent = CliRun.run("send", "topic://prices", "--text", "42", "--url", broker.url());
            assertThat(sent.exitCode()).as(sent.toString()).isZero();

            assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("42");
        }
    }

    @Test
    void receiveWithASelectorTakesOnlyMatchingMessages() throws Exception {
        CliRun.run("send", "orders", "--text", "eu order", "--property", "region=eu", "--url", broker.url());
        CliRun.run("send", "orders", "--text", "us order", "--property", "region=us", "--url", broker.url());

        CliRun received = CliRun.run("receive", "orders", "--selector", "region = 'us'", "--count", "5",
                "--timeout", "300ms", "--json", "--url", broker.url());

        assertThat(received.exitCode()).as(received.toString()).isZero();
        assertThat(received.json()).hasSize(1);
        assertThat(received.json().get(0).get("body").asText()).isEqualTo("us order");
        assertThat(broker.depth("orders")).isEqualTo(1);
    }

    @Test
    void receivingFromAnEmptyQueueFailsWithStatusOne() {
        CliRun received = CliRun.run("receive", "empty", "--timeout", "200ms", "--json", "--url", broker.url());

        assertThat(received.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(received.json()).isEmpty();
        assertThat(received.err()).contains("no message on empty within 200 ms");
    }

    @Test
    void browseStopsAtMax() {
        CliRun.run("send", "orders", "--text", "x", "--count", "5", "--url", broker.url());

        CliRun browsed = CliRun.run("queue", "browse", "orders", "--max", "2", "--json", "--url", broker.url());

        assertThat(browsed.json()).hasSize(2);
    }

    @Test
    void aBadSelectorIsAUsageErrorAndConsumesNothing() throws Exception {
        CliRun.run("send", "orders", "--text", "kept", "--url", broker.url());

        CliRun received = CliRun.run("receive", "orders", "--selector", "region = = 'eu'", "--url", broker.url());
        CliRun browsed = CliRun.run("queue", "browse", "orders", "--selector", "((", "--url", broker.url());

        assertThat(received.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(received.err()).startsWith("messagestore: bad selector");
        assertThat(browsed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(broker.depth("orders")).isEqualTo(1);
    }

    @Test
    void badCountsAndTimeoutsAreUsageErrorsAndSendNothing() throws Exception {
        CliRun zero = CliRun.run("send", "orders", "--text", "x", "--count", "0", "--url", broker.url());
        CliRun both = CliRun.run("send", "orders", "--text", "x", "--persistent", "--non-persistent", "--url", broker.url());
        CliRun notANumber = CliRun.run("send", "orders", "--text", "x", "--count", "many", "--url", broker.url());
        CliRun badTimeout = CliRun.run("receive", "orders", "--timeout", "soon", "--url", broker.url());
        CliRun noQueue = CliRun.run("receive", "--url", broker.url());

        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--count must be at least 1, was 0");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTimeout.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTimeout.err()).contains("'soon' is not a duration");
        assertThat(noQueue.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noQueue.err()).contains("Missing required parameter: '<queue>'");
        assertThat(broker.depth("orders")).isZero();
    }
}
