package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.jmx.BrokerControlMXBean;
import org.messagestore.broker.jmx.JmxNames;
import org.messagestore.broker.jmx.QueueControlMXBean;
import org.messagestore.broker.jmx.SubscriptionControlMXBean;

/** What a JMX console sees of a running server: the broker, its queues and durable subscriptions, and nothing after close. */
class JmxQueuesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final MBeanServer mbeans = JmxServers.platform();

    @Test
    void brokerAttributesShowConnectionsSessionsAndMemory() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             Connection connection = JmsClient.connect(server.port())) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            ObjectName name = JmxNames.broker(JmxServers.NAME);
            assertThat(name).hasToString("org.messagestore:type=Broker,name=jmx-test");

            assertThat(mbeans.getAttribute(name, "Connections")).isEqualTo(1);
            assertThat(mbeans.getAttribute(name, "Sessions")).isEqualTo(1);
            assertThat((Long) mbeans.getAttribute(name, "MemoryLimitBytes")).isPositive();
            assertThat(mbeans.getAttribute(name, "SendsBlocked")).isEqualTo(0);
            assertThat(mbeans.getAttribute(name, "AuthenticationFailures")).isEqualTo(0L);
            for (String attribute : new String[] {"ActiveTransactions", "PreparedTransactions", "HeuristicTransactions"}) {
                assertThat(mbeans.getAttribute(name, attribute)).as(attribute).isEqualTo(0);
            }

            BrokerControlMXBean proxy = JMX.newMXBeanProxy(mbeans, name, BrokerControlMXBean.class);
            assertThat(proxy.getName()).isEqualTo(JmxServers.NAME);
            assertThat(proxy.getConnections()).isEqualTo(1);
            JmsClient.send(server.port(), "orders", "order 1");
            assertThat(proxy.getMemoryUsedBytes()).isPositive().isLessThanOrEqualTo(proxy.getMemoryLimitBytes());
            assertThat(proxy.listPreparedBranches()).isEmpty();
        }
    }

    @Test
    void aNewQueueGetsAnMBeanWhoseDepthFollowsSendsAndReceives() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            ObjectName name = JmxNames.queue(JmxServers.NAME, "orders");
            assertThat(name).hasToString("org.messagestore:type=Queue,broker=jmx-test,name=orders");
            assertThat(mbeans.isRegistered(name)).as("before any client used the queue").isFalse();

            for (int i = 0; i < 3; i++) {
                JmsClient.send(server.port(), "orders", "order " + i);
            }
            await().atMost(WAIT).until(() -> mbeans.isRegistered(name));
            assertThat(mbeans.getAttribute(name, "Name")).isEqualTo("orders");
            assertThat(mbeans.getAttribute(name, "Depth")).isEqualTo(3L);
            assertThat(mbeans.getAttribute(name, "Added")).isEqualTo(3L);

            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("order 0");
            QueueControlMXBean orders = JMX.newMXBeanProxy(mbeans, name, QueueControlMXBean.class);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(orders.getDepth()).isEqualTo(2);
                assertThat(orders.getAcknowledged()).isEqualTo(1);
            });
            assertThat(orders.getDelivered()).isGreaterThanOrEqualTo(1);
            assertThat(orders.getInFlight()).isZero();
            assertThat(orders.getConsumers()).isZero();
            assertThat(orders.getMemoryBytes()).as("two messages wait").isPositive();
            assertThat(orders.getOldestMessageAgeMillis()).isNotNegative();
            assertThat(orders.getInMemory() + orders.getPagedOut()).isEqualTo(2);
            assertThat(orders.getRedelivered()).isZero();
            assertThat(orders.getExpired()).isZero();
            assertThat(orders.getDeadLettered()).isZero();
        }
    }

    @Test
    void aDurableSubscriptionHasAnMBeanWithItsTopicUntilItIsUnsubscribed() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             Connection connection = JmsClient.connect(server.port())) {
            connection.setClientID("audit");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var prices = session.createTopic("prices");
            var subscriber = session.createDurableSubscriber(prices, "ledger");
            session.createConsumer(prices);
            session.createProducer(prices).send(session.createTextMessage("42"));

            ObjectName name = JmxNames.subscription(JmxServers.NAME, "prices", "audit:ledger");
            assertThat(name).hasToString("org.messagestore:type=Subscription,broker=jmx-test,topic=prices,name=\"audit:ledger\"");
            await().atMost(WAIT).until(() -> mbeans.isRegistered(name));
            SubscriptionControlMXBean ledger = JMX.newMXBeanProxy(mbeans, name, SubscriptionControlMXBean.class);
            assertThat(ledger.getTopic()).isEqualTo("prices");
            assertThat(mbeans.getAttribute(name, "Topic")).isEqualTo("prices");
            assertThat(ledger.getName()).isEqualTo("audit:ledger");
            assertThat(ledger.getAdded()).isEqualTo(1);
            assertThat(ledger.getConsumers()).isEqualTo(1);
            assertThat(mbeans.queryNames(new ObjectName("org.messagestore:type=Subscription,broker=jmx-test,*"), null))
                    .as("the non-durable subscription has none").containsExactly(name);

            subscriber.close();
            session.unsubscribe("ledger");
            await().atMost(WAIT).until(() -> !mbeans.isRegistered(name));
        }
    }

    @Test
    void temporaryQueuesGetNoMBean() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             Connection connection = JmsClient.connect(server.port())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var replies = session.createTemporaryQueue();
            session.createProducer(replies).send(session.createTextMessage("reply"));
            JmsClient.send(server.port(), "after", "sent after the temporary queue was made");

            await().atMost(WAIT).until(() -> mbeans.isRegistered(JmxNames.queue(JmxServers.NAME, "after")));
            assertThat(mbeans.queryNames(new ObjectName("org.messagestore:type=Queue,broker=jmx-test,*"), null))
                    .extracting(name -> name.getKeyProperty("name"))
                    .containsExactlyInAnyOrder("DLQ", "after")
                    .doesNotContain(ObjectName.quote(replies.getQueueName()), replies.getQueueName());
        }
    }

    @Test
    void twoServersInOneJvmEachHaveTheirOwnMBeans(@TempDir Path otherDataDir) throws Exception {
        try (MessageStoreServer first = JmxServers.start(dataDir);
             MessageStoreServer second = MessageStoreServer.start(
                     MetricsServers.config(otherDataDir, Map.of("name", "jmx-test-2")), JmxServers.REFRESH)) {
            JmsClient.send(first.port(), "orders", "one");
            JmsClient.send(second.port(), "orders", "one");
            JmsClient.send(second.port(), "orders", "two");

            ObjectName firstOrders = JmxNames.queue(JmxServers.NAME, "orders");
            ObjectName secondOrders = JmxNames.queue("jmx-test-2", "orders");
            await().atMost(WAIT).until(() -> mbeans.isRegistered(firstOrders) && mbeans.isRegistered(secondOrders));
            assertThat(mbeans.getAttribute(firstOrders, "Depth")).isEqualTo(1L);
            assertThat(mbeans.getAttribute(secondOrders, "Depth")).isEqualTo(2L);
            assertThat(mbeans.getAttribute(JmxNames.broker("jmx-test-2"), "Name")).isEqualTo("jmx-test-2");

            second.close();
            assertThat(mbeans.isRegistered(secondOrders)).isFalse();
            assertThat(mbeans.isRegistered(firstOrders)).as("the other server's").isTrue();
        }
    }

    @Test
    void closingTheServerUnregistersItsMBeansAndStopsTheRefreshThread() throws Exception {
        MessageStoreServer server = JmxServers.start(dataDir);
        try {
            JmsClient.send(server.port(), "orders", "one");
            await().atMost(WAIT).until(() -> mbeans.isRegistered(JmxNames.queue(JmxServers.NAME, "orders")));
            assertThat(refreshThreads()).isOne();
        } finally {
            server.close();
        }
        assertThat(mbeans.queryNames(new ObjectName("org.messagestore:*"), null))
                .filteredOn(name -> JmxServers.NAME.equals(name.getKeyProperty("broker"))
                        || JmxServers.NAME.equals(name.getKeyProperty("name")))
                .isEmpty();
        assertThat(refreshThreads()).isZero();
    }

    @Test
    void withJmxDisabledTheServerRegistersNoMBeans() throws Exception {
        try (MessageStoreServer server = MessageStoreServer.start(
                MetricsServers.config(dataDir, Map.of("name", "jmx-off", "jmx.enabled", "false")), JmxServers.REFRESH)) {
            JmsClient.send(server.port(), "orders", "one");
            assertThat(mbeans.queryNames(new ObjectName("org.messagestore:*"), null))
                    .filteredOn(name -> "jmx-off".equals(name.getKeyProperty("broker")) || "jmx-off".equals(name.getKeyProperty("name")))
                    .isEmpty();
            assertThat(refreshThreads()).isZero();
        }
    }

    private static long refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("messagestore-jmx") && thread.isAlive())
                .count();
    }
}
