package org.messagestore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/** The commands that run at the broker over the admin protocol: status, queues, subscriptions, XA branches. */
class CliAdminCommandsTest {

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
    void statusShowsTheBrokerAsFieldsOrJson() {
        CliRun table = CliRun.run("status", "--url", broker.url());
        CliRun json = CliRun.run("status", "--json", "--url", broker.url());

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).containsPattern("(?m)^broker +cli-test$").containsPattern("(?m)^xaPrepared +0$");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode status = json.json().get(0);
        assertThat(status.get("broker").asText()).isEqualTo("cli-test");
        assertThat(status.get("connections").isNumber()).as("numbers stay numbers").isTrue();
        assertThat(status.get("memoryLimitBytes").asLong()).isPositive();
    }

    @Test
    void queueListAndStatCountTheMessages() {
        CliRun.run("send", "orders", "--text", "x", "--count", "2", "--url", broker.url());
        CliRun.run("send", "invoices", "--text", "y", "--url", broker.url());

        CliRun list = CliRun.run("queue", "list", "--json", "--url", broker.url());
        CliRun table = CliRun.run("queue", "list", "--url", broker.url());
        CliRun stat = CliRun.run("queue", "stat", "orders", "--json", "--url", broker.url());

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(depths(list.json())).contains("orders=2", "invoices=1");
        assertThat(table.out().lines().findFirst().orElseThrow())
                .startsWith("name").contains("depth").contains("deadLettered");
        assertThat(stat.json()).hasSize(1);
        assertThat(stat.json().get(0).get("depth").asLong()).isEqualTo(2);
        assertThat(stat.json().get(0).get("added").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownQueueFailsWithStatusOne() {
        CliRun stat = CliRun.run("queue", "stat", "nope", "--url", broker.url());

        assertThat(stat.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(stat.err()).contains("there is no queue 'nope'");
        assertThat(stat.out()).isEmpty();
    }

    @Test
    void durableSubscriptionsAreListedAndDeleted() throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory(broker.url() + "?clientId=audit").createConnection()) {
            Session session = connection.createSession();
            session.createDurableSubscriber(session.createTopic("prices"), "log").close();
        }
        CliRun.run("send", "topic://prices", "--text", "42", "--url", broker.url());

        CliRun listed = CliRun.run("subscription", "list", "--topic", "prices", "--json", "--url", broker.url());
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.json()).hasSize(1);
        JsonNode subscription = listed.json().get(0);
        assertThat(subscription.get("topic").asText()).isEqualTo("prices");
        assertThat(subscription.get("depth").asLong()).isEqualTo(1);

        CliRun deleted = CliRun.run("subscription", "delete", subscription.get("name").asText(), "--topic", "prices",
                "--url", broker.url());
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(CliRun.run("subscription", "list", "--json", "--url", broker.url()).json()).isEmpty();
    }

    @Test
    void aConnectionIsListedAndClosed() throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory(broker.url() + "?clientId=stuck").createConnection()) {
            java.util.concurrent.atomic.AtomicReference<jakarta.jms.JMSException> heard = new java.util.concurrent.atomic.AtomicReference<>();
            connection.setExceptionListener(heard::set);
            CliRun listed = CliRun.run("connection", "list", "--json", "--url", broker.url());
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            String id = null;
            for (JsonNode row : listed.json()) {
                if ("stuck".equals(row.get("clientId").asText())) {
                    id = row.get("id").asText();
                }
            }
            assertThat(id).as(listed.out()).isNotNull();

            CliRun closed = CliRun.run("connection", "close", id, "--url", broker.url());

            assertThat(closed.exitCode()).as(closed.toString()).isZero();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> heard.get() != null);
            CliRun again = CliRun.run("connection", "close", id, "--url", broker.url());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(again.err()).contains("no connection '" + id + "'");
        }
    }

    @Test
    void deletingAnUnknownSubscriptionFails() {
        CliRun deleted = CliRun.run("subscription", "delete", "nobody:none", "--url", broker.url());

        assertThat(deleted.exitCode()).as(deleted.toString()).isIn(ExitCodes.FAILED);
        assertThat(deleted.err()).startsWith("messagestore: ").contains("none");
    }

    @Test
    void aPreparedBranchIsListedAndCommittedByHand() throws Exception {
        Xid xid = new CliXid(7, new byte[] {1, 2, 3}, new byte[] {9});
        try (XAConnection connection = new MessageStoreConnectionFactory(broker.url()).createXAConnection()) {
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.getSession().createProducer(session.getSession().createQueue("payments"))
                    .send(session.getSession().createTextMessage("in doubt"));
            resource.end(xid, XAResource.TMSUCCESS);
            resource.prepare(xid);
        }
        assertThat(broker.depth("payments")).as("prepared, not yet committed").isZero();

        CliRun listed = CliRun.run("xa", "list", "--json", "--url", broker.url());
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.json()).hasSize(1);
        JsonNode branch = listed.json().get(0);
        assertThat(branch.get("state").asText()).isEqualTo("prepared");
        assertThat(branch.get("sent").asLong()).isEqualTo(1);

        CliRun committed = CliRun.run("xa", "commit", branch.get("xid").asText(), "--json", "--url", broker.url());
        assertThat(committed.exitCode()).as(committed.toString()).isZero();
        // Settled by an operator rather than its transaction manager: a heuristic decision, kept until
        // the transaction manager forgets it.
        assertThat(committed.json().get(0).get("outcome").asText()).isEqualTo("heuristically_committed");
        assertThat(broker.depth("payments")).isEqualTo(1);
        JsonNode after = CliRun.run("xa", "list", "--json", "--url", broker.url()).json();
        assertThat(after.get(0).get("state").asText()).isEqualTo("heuristically_committed");
    }

    @Test
    void aMalformedXidIsAUsageError() {
        CliRun committed = CliRun.run("xa", "rollback", "not-an-xid", "--url", broker.url());

        assertThat(committed.exitCode()).as(committed.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(committed.err()).startsWith("messagestore: ");
    }

    @Test
    void aMalformedUrlIsAUsageErrorForAdminAndJmsCommandsAlike() {
        CliRun status = CliRun.run("status", "--url", "ftp://127.0.0.1:61616");
        CliRun send = CliRun.run("send", "orders", "--text", "x", "--url", "ftp://127.0.0.1:61616");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(send.exitCode()).as(send.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(status.err()).contains("ftp");
    }

    @Test
    void noBrokerAtTheUrlIsStatusThree() throws Exception {
        String url = broker.url();
        broker.close();

        CliRun status = CliRun.run("status", "--url", url);
        CliRun list = CliRun.run("queue", "list", "--url", url);

        assertThat(status.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(status.err()).contains("cannot connect to broker " + url);
        assertThat(list.exitCode()).isEqualTo(ExitCodes.CANNOT_CONNECT);
    }

    @Test
    void badArgumentsToQueueOperationsChangeNothing() throws Exception {
        CliRun.run("send", "orders", "--text", "x", "--count", "3", "--url", broker.url());

        CliRun noQueue = CliRun.run("queue", "purge", "--url", broker.url());
        CliRun noTarget = CliRun.run("queue", "move", "orders", "--url", broker.url());
        CliRun noId = CliRun.run("queue", "delete", "orders", "--url", broker.url());
        CliRun extra = CliRun.run("queue", "purge", "orders", "invoices", "--url", broker.url());
        CliRun unknownOption = CliRun.run("queue", "purge", "orders", "--all", "--url", broker.url());

        assertThat(noQueue.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noQueue.err()).contains("Missing required parameter: '<queue>'");
        assertThat(noTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTarget.err()).contains("Missing required option: '--to=<queue>'");
        assertThat(noId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noId.err()).contains("--id");
        assertThat(extra.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(extra.err()).contains("'invoices'");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOption.err()).contains("unknown option: '--all'");
        assertThat(broker.depth("orders")).isEqualTo(3);
    }

    private static List<String> depths(JsonNode queues) {
        List<String> depths = new ArrayList<>();
        queues.forEach(queue -> depths.add(queue.get("name").asText() + "=" + queue.get("depth").asLong()));
        return depths;
    }

    private record CliXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }
}
