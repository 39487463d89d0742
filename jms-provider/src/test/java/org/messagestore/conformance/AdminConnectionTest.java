package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreAdmin;
import org.messagestore.model.AdminResult;

/**
 * The management commands of the {@code messagestore} tool, run over a client's own connection
 * ({@link MessageStoreAdmin}), in-VM and over TCP.
 */
class AdminConnectionTest extends JmsTestSupport {

    private MessageStoreAdmin admin;

    @BeforeEach
    void openAdmin() throws JMSException {
        admin = track(MessageStoreAdmin.open(brokerUrl(""), null, null));
    }

    private Map<String, Object> row(AdminResult result, String column, Object value) {
        return result.rows().stream().filter(r -> value.equals(r.get(column))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + column + "=" + value + " in " + result));
    }

    @Test
    void queueListAndStatShowDepthAndTotals() throws Exception {
        // CLIENT_ACKNOWLEDGE: acknowledge() returns once the broker counts the message acknowledged (over TCP an
        // AUTO_ACKNOWLEDGE receive's acknowledgement waits for the session's next request).
        Session session = track(connection.createSession(false, Session.CLIENT_ACKNOWLEDGE));
        Queue queue = newQueue(session);
        sendTexts(session, queue, "a", "b", "c");
        connection.start();
        Message received = track(session.createConsumer(queue)).receive(RECEIVE_TIMEOUT_MS);
        assertThat(received).isNotNull();
        received.acknowledge();

        AdminResult list = admin.execute("queue.list", Map.of());
        assertThat(list.columns()).startsWith("name", "kind", "depth");
        Map<String, Object> listed = row(list, "name", queue.getQueueName());
        assertThat(listed).containsEntry("kind", "queue").containsEntry("added", 3L).containsEntry("acknowledged", 1L)
                .containsEntry("depth", 2L).containsEntry("consumers", 1);

        AdminResult stat = admin.execute("queue.stat", Map.of("name", queue.getQueueName()));
        assertThat(stat.rows()).hasSize(1);
        assertThat(stat.first("depth")).isEqualTo(2L);
    }

    @Test
    void statusCountsConnections() throws Exception {
        connection.start();
        AdminResult status = admin.execute("status", Map.of());
        assertThat(status.rows()).hasSize(1);
        assertThat((Integer) status.first("connections")).isGreaterThanOrEqualTo(2); // the test's and the admin's
        assertThat(status.columns()).contains("memoryUsedBytes", "xaPrepared", "authenticationFailures");
    }

    @Test
    void unknownQueueIsAnInvalidDestination() {
        assertThatThrownBy(() -> admin.execute("queue.stat", Map.of("name", "no-such-queue")))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("no-such-queue");
    }

    @Test
    void unknownCommandAndMissingArgumentAreBadArguments() {
        assertThatThrownBy(() -> admin.execute("queue.frobnicate", Map.of()))
                .isInstanceOf(JMSException.class).hasMessageContaining("unknown command 'queue.frobnicate'")
                .satisfies(e -> assertThat(((JMSException) e).getErrorCode()).isEqualTo("BAD_ARGUMENT"));
        assertThatThrownBy(() -> admin.execute("queue.stat", Map.of()))
                .isInstanceOf(JMSException.class).hasMessageContaining("needs the argument 'name'")
                .satisfies(e -> assertThat(((JMSException) e).getErrorCode()).isEqualTo("BAD_ARGUMENT"));
        assertThatThrownBy(() -> admin.execute("xa.commit", Map.of("xid", "not-an-xid")))
                .isInstanceOf(JMSException.class)
                .satisfies(e -> assertThat(((JMSException) e).getErrorCode()).isEqualTo("BAD_ARGUMENT"));
    }

    @Test
    void subscriptionsAreListedAndDeleted() throws Exception {
        var subscriber = track(newConnection());
        subscriber.setClientID(uniqueName("client"));
        Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(session);
        session.createDurableSubscriber(topic, "audit").close();
        sendTexts(session, topic, "x");

        AdminResult list = admin.execute("subscription.list", Map.of("topic", topic.getTopicName()));
        String shown = subscriber.getClientID() + ":audit";
        assertThat(row(list, "name", shown)).containsEntry("topic", topic.getTopicName())
                .containsEntry("kind", "durable_subscription").containsEntry("depth", 1L);

        admin.execute("subscription.delete", Map.of("name", shown, "topic", topic.getTopicName()));
        assertThat(admin.execute("subscription.list", Map.of("topic", topic.getTopicName())).rows()).isEmpty();
        assertThatThrownBy(() -> admin.execute("subscription.delete", Map.of("name", shown)))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void preparedBranchIsListedAndCommittedByHand() throws Exception {
        XAConnection xaConnection = track(factory().createXAConnection());
        XASession xaSession = xaConnection.createXASession();
        Queue queue = newQueue(xaSession);
        XAResource resource = xaSession.getXAResource();
        TestXid xid = TestXid.fresh();
        resource.start(xid, XAResource.TMNOFLAGS);
        MessageProducer producer = xaSession.createProducer(queue);
        producer.send(xaSession.createTextMessage("in doubt"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);

        AdminResult branches = admin.execute("xa.list", Map.of());
        assertThat(branches.rows()).hasSize(1);
        String text = (String) branches.first("xid");
        assertThat(branches.first("state")).isEqualTo("prepared");
        assertThat(branches.first("sent")).isEqualTo(1);
        assertThat((String) branches.first("destinations")).contains(queue.getQueueName());

        AdminResult settled = admin.execute("xa.commit", Map.of("xid", text));
        assertThat(settled.first("outcome")).isEqualTo("heuristically_committed");
        connection.start();
        assertThat(receiveText(track(autoSession().createConsumer(queue)))).isEqualTo("in doubt");
        resource.forget(xid);
        assertThat(admin.execute("xa.list", Map.of()).rows()).isEmpty();
    }

    @Test
    void closingAConnectionTellsItsExceptionListener() throws Exception {
        var victim = track(newConnection());
        AtomicReference<JMSException> heard = new AtomicReference<>();
        victim.setClientID(uniqueName("victim"));
        victim.setExceptionListener(heard::set);

        AdminResult connections = admin.execute("connection.list", Map.of());
        String id = (String) row(connections, "clientId", victim.getClientID()).get("id");
        assertThat(admin.execute("connection.close", Map.of("id", id)).first("closed")).isEqualTo(id);

        await().atMost(AWAIT).until(() -> heard.get() != null);
        assertThat(heard.get()).hasMessageContaining("closed connection " + id);
        assertThat(admin.execute("connection.list", Map.of()).rows()).extracting(r -> r.get("id")).doesNotContain(id);
        assertThatThrownBy(() -> admin.execute("connection.close", Map.of("id", id)))
                .isInstanceOf(JMSException.class).hasMessageContaining("no connection");
    }

    @Test
    void closedAdminRefusesCommands() throws Exception {
        admin.close();
        assertThatThrownBy(() -> admin.execute("status", Map.of())).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    /** Sends {@code count} text messages "m-0".. in one transaction, with int property n = index. */
    private void sendInOneTransaction(Queue queue, int count) throws JMSException {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        for (int i = 0; i < count; i++) {
            var message = transacted.createTextMessage("m-" + i);
            message.setIntProperty("n", i);
            producer.send(message);
        }
        transacted.commit();
        transacted.close();
    }

    @Test
    void purgeReportsProgressAndEmptiesTheQueue() throws Exception {
        Queue queue = newQueue(autoSession());
        sendInOneTransaction(queue, 2_500);
        List<long[]> heard = new CopyOnWriteArrayList<>();

        AdminResult purged = admin.execute("queue.purge", Map.of("name", queue.getQueueName()),
                (done, total) -> heard.add(new long[] {done, total}));

        assertThat(purged.first("removed")).isEqualTo(2_500L);
        assertThat(heard).isNotEmpty();
        assertThat(heard.get(heard.size() - 1)).containsExactly(2_500, 2_500);
        assertThat(admin.execute("queue.stat", Map.of("name", queue.getQueueName())).first("depth")).isEqualTo(0L);
        connection.start();
        assertNoMessage(track(autoSession().createConsumer(queue)));
    }

    @Test
    void moveBySelectorAndDeleteById() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        Queue archive = newQueue(session);
        var fromArchive = track(session.createConsumer(archive)); // the target exists once a client used it
        sendInOneTransaction(queue, 10);

        AdminResult moved = admin.execute("queue.move", Map.of("name", queue.getQueueName(), "to", archive.getQueueName(),
                "selector", "n >= 5"));
        assertThat(moved.first("moved")).isEqualTo(5L);

        connection.start();
        Message first = receiveMessage(fromArchive);
        assertThat(((TextMessage) first).getText()).isEqualTo("m-5");
        assertThat(receiveTexts(fromArchive, 4)).containsExactly("m-6", "m-7", "m-8", "m-9");

        var browser = session.createBrowser(queue);
        Message victim = (Message) browser.getEnumeration().nextElement();
        browser.close();
        AdminResult deleted = admin.execute("queue.delete", Map.of("name", queue.getQueueName(), "messageId", victim.getJMSMessageID()));
        assertThat(deleted.first("removed")).isEqualTo(1L);
        assertThat(admin.execute("queue.delete", Map.of("name", queue.getQueueName(), "messageId", victim.getJMSMessageID()))
                .first("removed")).isEqualTo(0L);
        assertThat(receiveTexts(track(session.createConsumer(queue)), 4)).containsExactly("m-1", "m-2", "m-3", "m-4");
    }

    @Test
    void moveToAMissingQueueOrWithABadSelectorChangesNothing() throws Exception {
        Queue queue = newQueue(autoSession());
        sendInOneTransaction(queue, 3);
        assertThatThrownBy(() -> admin.execute("queue.move", Map.of("name", queue.getQueueName(), "to", "no-such-queue")))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("no-such-queue");
        assertThatThrownBy(() -> admin.execute("queue.purge", Map.of("name", queue.getQueueName(), "selector", "n >")))
                .isInstanceOf(InvalidSelectorException.class);
        assertThat(admin.execute("queue.stat", Map.of("name", queue.getQueueName())).first("depth")).isEqualTo(3L);
    }

    @Test
    void deadLettersAreRetriedToTheirQueue() throws Exception {
        Queue queue = newQueue(autoSession());
        sendInOneTransaction(queue, 1);
        connection.start();
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        var consumer = transacted.createConsumer(queue);
        // the default redelivery policy sends a message to DLQ after 10 deliveries
        for (int i = 0; i < 10; i++) {
            assertThat(consumer.receive(RECEIVE_TIMEOUT_MS)).as("delivery " + (i + 1)).isNotNull();
            transacted.rollback();
        }
        consumer.close();
        await().atMost(AWAIT).until(() -> (Long) admin.execute("queue.stat", Map.of("name", "DLQ")).first("depth") >= 1);

        AdminResult retried = admin.execute("dlq.retry", Map.of("selector", "n = 0"));

        assertThat(retried.first("retried")).isEqualTo(1L);
        Message back = receiveMessage(track(autoSession().createConsumer(queue)));
        assertThat(((TextMessage) back).getText()).isEqualTo("m-0");
        assertThat(back.propertyExists("_MS_ORIGINAL_DESTINATION")).isFalse();
        assertThat(back.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }
}
