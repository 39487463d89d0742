package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreAdmin;
import org.junit.jupiter.api.io.TempDir;

/** Each permission allowed and denied, through the JMS API of an in-VM connection. */
class AuthorizationTest {

    private static final long RECEIVE_MS = 5_000;

    @TempDir
    Path dir;

    private SecuredBroker broker;

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.write(users, List.of(
                "alice = " + hash("alice-pw") + " ; app",
                "pat = " + hash("pat-pw") + " ; producer",
                "bob = " + hash("bob-pw") + " ; other",
                "root = " + hash("root-pw") + " ; admin"));
        Path rules = dir.resolve("access.properties");
        Files.write(rules, List.of(
                "default = deny",
                "queue:orders.* = send:app,producer; consume:app; browse:admin; create:app",
                "topic:prices.> = send:app; consume:app,other; create:app; delete:admin",
                "queue:> = admin:admin",
                "topic:> = admin:admin",
                "broker = admin:admin"));
        broker = new SecuredBroker(c -> c.withQueues("orders.new").withTopics("prices.eur")
                .withSecurity(SecurityConfig.defaults()
                        .withAuthenticator(UsersFileAuthenticator.load(users))
                        .withAccessRules(AccessRules.load(rules))));
    }

    private static String hash(String password) {
        return PasswordHash.of(password.toCharArray(), 1_000).encoded();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    private Session session(String user) throws Exception {
        return broker.connect(user, user + "-pw").createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static void send(Session session, jakarta.jms.Destination destination, String text) throws Exception {
        session.createProducer(destination).send(session.createTextMessage(text));
    }

    @Test
    void sendNeedsTheSendPermission() throws Exception {
        Session alice = session("alice");
        send(alice, alice.createQueue("orders.new"), "from alice");

        Session bob = session("bob");
        assertThatThrownBy(() -> send(bob, bob.createQueue("orders.new"), "from bob"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'bob' lacks permission 'send' on queue 'orders.new'");

        MessageConsumer consumer = alice.createConsumer(alice.createQueue("orders.new"));
        assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("from alice");
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void deniedSendInATransactionFailsAtSendAndTheTransactionGoesOn() throws Exception {
        Connection connection = broker.connect("bob", "bob-pw");
        Session bob = connection.createSession(true, Session.SESSION_TRANSACTED);

        assertThatThrownBy(() -> send(bob, bob.createQueue("orders.new"), "no")).isInstanceOf(JMSSecurityException.class);
        bob.commit();
    }

    @Test
    void consumingNeedsTheConsumePermission() throws Exception {
        Session alice = session("alice");
        alice.createConsumer(alice.createQueue("orders.new")).close();

        Session pat = session("pat");
        assertThatThrownBy(() -> pat.createConsumer(pat.createQueue("orders.new")))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'pat' lacks permission 'consume' on queue 'orders.new'");
    }

    @Test
    void subscribingToATopicNeedsTheConsumePermission() throws Exception {
        Session bob = session("bob");
        MessageConsumer subscriber = bob.createConsumer(bob.createTopic("prices.eur"));
        Session alice = session("alice");
        send(alice, alice.createTopic("prices.eur"), "1.08");
        assertThat(((TextMessage) subscriber.receive(RECEIVE_MS)).getText()).isEqualTo("1.08");

        Session pat = session("pat");
        assertThatThrownBy(() -> pat.createConsumer(pat.createTopic("prices.eur")))
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("'consume' on topic 'prices.eur'");
    }

    @Test
    void browsingNeedsTheBrowsePermission() throws Exception {
        Session alice = session("alice");
        send(alice, alice.createQueue("orders.new"), "browse me");

        Session root = session("root");
        var browsed = Collections.list(root.createBrowser(root.createQueue("orders.new")).getEnumeration());
        assertThat(browsed).hasSize(1);

        assertThatThrownBy(() -> alice.createBrowser(alice.createQueue("orders.new")))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'alice' lacks permission 'browse' on queue 'orders.new'");
    }

    @Test
    void autoCreatingADestinationNeedsTheCreatePermission() throws Exception {
        Session pat = session("pat");
        send(pat, pat.createQueue("orders.new"), "existing queue: send is enough");

        assertThatThrownBy(() -> send(pat, pat.createQueue("orders.fresh"), "new queue"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'pat' lacks permission 'create' on queue 'orders.fresh'");

        Session alice = session("alice");
        send(alice, alice.createQueue("orders.fresh"), "alice may create it");
        send(pat, pat.createQueue("orders.fresh"), "now it exists");
        MessageConsumer consumer = alice.createConsumer(alice.createQueue("orders.fresh"));
        assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
        assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
    }

    @Test
    void creatingADurableSubscriptionNeedsTheCreatePermission() throws Exception {
        Connection bobConnection = broker.connect("bob", "bob-pw", "bob-client");
        Session bob = bobConnection.createSession();
        assertThatThrownBy(() -> bob.createDurableConsumer(bob.createTopic("prices.eur"), "bob-prices"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'bob' lacks permission 'create' on topic 'prices.eur'");

        Connection aliceConnection = broker.connect("alice", "alice-pw", "alice-client");
        Session alice = aliceConnection.createSession();
        alice.createDurableConsumer(alice.createTopic("prices.eur"), "alice-prices").close();
    }

    @Test
    void unsubscribingNeedsTheDeletePermission() throws Exception {
        Connection aliceConnection = broker.connect("alice", "alice-pw", "shared-client");
        Session alice = aliceConnection.createSession();
        alice.createDurableConsumer(alice.createTopic("prices.eur"), "prices").close();

        assertThatThrownBy(() -> alice.unsubscribe("prices"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("user 'alice' lacks permission 'delete' on topic 'prices.eur'");
        aliceConnection.close();

        Connection rootConnection = broker.connect("root", "root-pw", "shared-client");
        rootConnection.createSession().unsubscribe("prices");
    }

    @Test
    void adminHasEveryPermission() throws Exception {
        Session root = session("root");
        send(root, root.createQueue("billing.new"), "admin creates and sends");
        MessageConsumer consumer = root.createConsumer(root.createQueue("billing.new"));
        assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
        Collections.list(root.createBrowser(root.createQueue("billing.new")).getEnumeration());
    }

    @Test
    void temporaryDestinationsAreAlwaysAllowedToTheirOwner() throws Exception {
        Session bob = session("bob");
        TemporaryQueue replies = bob.createTemporaryQueue();
        MessageConsumer consumer = bob.createConsumer(replies);

        Session pat = session("pat");
        send(pat, replies, "reply");
        Message reply = consumer.receive(RECEIVE_MS);
        assertThat(((TextMessage) reply).getText()).isEqualTo("reply");
        consumer.close();
        replies.delete();
    }

    @Test
    void deniedOperationOfTheSimplifiedApiThrowsTheRuntimeException() {
        try (JMSContext context = broker.factory().createContext("bob", "bob-pw")) {
            assertThatThrownBy(() -> context.createProducer().send(context.createQueue("orders.new"), "no"))
                    .isInstanceOf(JMSSecurityRuntimeException.class).hasMessageContaining("'send'");
        }
    }

    @Test
    void onlyBrokerAdminsRunManagementCommands() throws Exception {
        String url = "vm://" + broker.broker.name() + "?create=false";
        try (MessageStoreAdmin root = MessageStoreAdmin.open(url, "root", "root-pw")) {
            assertThat(root.execute("queue.list", java.util.Map.of()).rows()).extracting(r -> r.get("name")).contains("orders.new");
        }
        try (MessageStoreAdmin bob = MessageStoreAdmin.open(url, "bob", "bob-pw")) {
            assertThatThrownBy(() -> bob.execute("queue.list", java.util.Map.of()))
                    .isInstanceOf(JMSSecurityException.class)
                    .hasMessage("user 'bob' lacks permission 'admin' on the broker");
        }
        assertThatThrownBy(() -> MessageStoreAdmin.open(url, "bob", "wrong")).isInstanceOf(JMSSecurityException.class);
    }
}
