package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.jmx.BrokerControlMXBean;
import org.messagestore.broker.jmx.ConnectionSummary;
import org.messagestore.broker.jmx.JmxNames;
import org.messagestore.broker.jmx.QueueControlMXBean;

/** The operations a JMX console runs: purge, move, remove one message, retry dead letters, close a connection. */
class JmxOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[] ONE_STRING = {String.class.getName()};

    @TempDir
    Path dataDir;

    private final MBeanServer mbeans = JmxServers.platform();

    /** Sends {@code count} messages "m-0".. with int property n in one transaction. */
    private static void sendAll(int port, String queue, int count) throws JMSException {
        try (Connection connection = JmsClient.connect(port)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++) {
                TextMessage message = session.createTextMessage("m-" + i);
                message.setIntProperty("n", i);
                producer.send(message);
            }
            session.commit();
        }
    }

    private QueueControlMXBean queue(String name) {
        ObjectName objectName = JmxNames.queue(JmxServers.NAME, name);
        await().atMost(WAIT).until(() -> mbeans.isRegistered(objectName));
        return JMX.newMXBeanProxy(mbeans, objectName, QueueControlMXBean.class);
    }

    @Test
    void purgeBySelectorAsAConsoleInvokesIt() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            sendAll(server.port(), "orders", 10);
            QueueControlMXBean orders = queue("orders");

            Object removed = mbeans.invoke(JmxNames.queue(JmxServers.NAME, "orders"), "purge", new Object[] {"n < 4"}, ONE_STRING);

            assertThat(removed).isEqualTo(4L);
            assertThat(orders.getDepth()).isEqualTo(6);
            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("m-4");
            assertThat(orders.purge(null)).isEqualTo(5);
            assertThat(orders.getDepth()).isZero();
        }
    }

    @Test
    void moveMessagesAndRemoveOneById() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            sendAll(server.port(), "orders", 6);
            JmsClient.send(server.port(), "archive", "already there");
            QueueControlMXBean orders = queue("orders");

            assertThat(orders.moveMessages("n >= 3", "archive")).isEqualTo(3);

            QueueControlMXBean archive = queue("archive");
            assertThat(archive.getDepth()).isEqualTo(4);
            assertThat(orders.getDepth()).isEqualTo(3);
            String firstId;
            try (Connection connection = JmsClient.connect(server.port())) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var browser = session.createBrowser(session.createQueue("orders"));
                firstId = ((TextMessage) browser.getEnumeration().nextElement()).getJMSMessageID();
            }
            assertThat(orders.removeMessage(firstId)).isTrue();
            assertThat(orders.removeMessage(firstId)).isFalse();
            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("m-1");
            assertThat(JmsClient.receive(server.port(), "archive")).isEqualTo("already there");
            assertThat(JmsClient.receive(server.port(), "archive")).isEqualTo("m-3");
        }
    }

    @Test
    void mistakesAreIllegalArgumentsNamingTheProblemAndChangeNothing() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            sendAll(server.port(), "orders", 3);
            QueueControlMXBean orders = queue("orders");
            ObjectName name = JmxNames.queue(JmxServers.NAME, "orders");

            assertThatThrownBy(() -> mbeans.invoke(name, "purge", new Object[] {"n >"}, ONE_STRING))
                    .isInstanceOf(RuntimeMBeanException.class)
                    .cause().isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue 'orders'");
            assertThatThrownBy(() -> orders.moveMessages(null, "nowhere"))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere").hasNoCause();
            assertThatThrownBy(() -> orders.moveMessages(null, "orders")).isExactlyInstanceOf(IllegalStateException.class);
            assertThat(orders.getDepth()).isEqualTo(3);
        }
    }

    @Test
    void deadLettersGoBackToTheirQueue() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(MetricsServers.config(dataDir,
                Map.of("name", JmxServers.NAME, "redelivery.maxDeliveries", "2")), JmxServers.REFRESH)) {
            sendAll(server.port(), "orders", 1);
            try (Connection connection = JmsClient.connect(server.port())) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                var consumer = session.createConsumer(session.createQueue("orders"));
                connection.start();
                for (int i = 0; i < 2; i++) {
                    assertThat(consumer.receive(5_000)).isNotNull();
                    session.rollback();
                }
            }
            QueueControlMXBean dlq = queue("DLQ");
            await().atMost(WAIT).until(() -> dlq.getDepth() == 1);

            assertThat(dlq.retryDeadLetters("")).isEqualTo(1);

            assertThat(dlq.getDepth()).isZero();
            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("m-0");
        }
    }

    @Test
    void aConnectionIsListedAndClosedAndItsListenerHearsIt() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             Connection victim = JmsClient.connect(server.port())) {
            victim.setClientID("victim");
            AtomicReference<JMSException> heard = new AtomicReference<>();
            victim.setExceptionListener(heard::set);
            BrokerControlMXBean broker = JMX.newMXBeanProxy(mbeans, JmxNames.broker(JmxServers.NAME), BrokerControlMXBean.class);

            ConnectionSummary listed = broker.listConnections().stream()
                    .filter(c -> "victim".equals(c.getClientId())).findFirst().orElseThrow();
            assertThat(listed.getSessions()).isZero();
            assertThat(broker.closeConnection(listed.getId())).isTrue();

            await().atMost(WAIT).until(() -> heard.get() != null);
            assertThat(broker.listConnections()).extracting(ConnectionSummary::getId).doesNotContain(listed.getId());
            assertThat(broker.closeConnection(listed.getId())).isFalse();
        }
    }
}
