package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;

/** What a Prometheus scrape of a running server shows, after clients worked on it over TCP. */
class MetricsScrapeTest {

    @TempDir
    Path dataDir;

    @Test
    void queueCountersAndGaugesFollowSendsAndReceives() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of())) {
            for (int i = 0; i < 3; i++) {
                JmsClient.send(server.port(), "orders", "order " + i);
            }
            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("order 0");
            assertThat(JmsClient.receive(server.port(), "orders")).isEqualTo("order 1");

            int port = MetricsServers.metricsPort(server);
            String[] orders = {"queue", "orders", "kind", "queue"};
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(port);
                assertThat(scrape.value("messagestore_queue_messages", orders)).isEqualTo(1);
                assertThat(scrape.value("messagestore_queue_messages_added_total", orders)).isEqualTo(3);
                assertThat(scrape.value("messagestore_queue_messages_acknowledged_total", orders)).isEqualTo(2);
                assertThat(scrape.value("messagestore_queue_messages_delivered_total", orders)).isGreaterThanOrEqualTo(2);
                assertThat(scrape.value("messagestore_queue_in_flight_messages", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_consumers", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_messages_redelivered_total", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_messages_expired_total", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_messages_dead_lettered_total", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_in_memory_messages", orders)).as("the window is not full").isEqualTo(1);
                assertThat(scrape.value("messagestore_queue_paged_out_messages", orders)).isZero();
                assertThat(scrape.value("messagestore_queue_memory_bytes", orders)).isPositive();
                assertThat(scrape.value("messagestore_queue_oldest_message_age_seconds", orders)).isPositive();
                assertThat(scrape.value("messagestore_connections")).isZero();
            });
        }
    }

    @Test
    void brokerGaugesShowOpenConnectionsSessionsConsumersAndMemory() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of());
             Connection connection = JmsClient.connect(server.port())) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("invoices"));
            connection.start();
            JmsClient.send(server.port(), "invoices", "held");
            assertThat(consumer.receive(5_000)).as("delivered, not yet acknowledged").isNotNull();

            int port = MetricsServers.metricsPort(server);
            String[] invoices = {"queue", "invoices", "kind", "queue"};
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(port);
                assertThat(scrape.value("messagestore_connections")).isEqualTo(1);
                assertThat(scrape.value("messagestore_sessions")).isEqualTo(1);
                assertThat(scrape.value("messagestore_queue_consumers", invoices)).isEqualTo(1);
                assertThat(scrape.value("messagestore_queue_in_flight_messages", invoices)).isEqualTo(1);
                assertThat(scrape.value("messagestore_queue_memory_bytes", invoices)).as("in flight counts").isPositive();
                assertThat(scrape.value("messagestore_queue_oldest_message_age_seconds", invoices)).as("none waits").isZero();
                assertThat(scrape.value("messagestore_memory_used_bytes")).isPositive();
                assertThat(scrape.value("messagestore_memory_limit_bytes"))
                        .isGreaterThanOrEqualTo(scrape.value("messagestore_memory_used_bytes"));
                assertThat(scrape.value("messagestore_sends_blocked")).isZero();
                assertThat(scrape.value("messagestore_transactions_active")).isZero();
                assertThat(scrape.value("messagestore_transactions_prepared")).isZero();
                assertThat(scrape.value("messagestore_transactions_heuristic")).isZero();
                assertThat(scrape.value("messagestore_transaction_oldest_prepared_age_seconds")).isZero();
                assertThat(scrape.value("messagestore_authentication_failures_total")).isZero();
                assertThat(scrape.value("messagestore_data_directory_bytes")).isPositive();
                var commits = scrape.family("messagestore_store_commit_seconds").getMetric(0).getHistogram();
                assertThat(commits.getSampleCount()).isPositive();
                assertThat(commits.getBucketList()).last().satisfies(bucket -> {
                    assertThat(bucket.getUpperBound()).isInfinite();
                    assertThat(bucket.getCumulativeCount()).isEqualTo(commits.getSampleCount());
                });
                assertThat(commits.getSampleSum()).isPositive();
                assertThat(scrape.value("messagestore_store_batches_total")).isPositive();
                assertThat(scrape.value("messagestore_store_disk_low")).isZero();
                assertThat(scrape.value("messagestore_store_written_bytes_total")).isPositive();
                assertThat(scrape.names()).contains("messagestore_store_gc_runs_total", "messagestore_store_gc_moved_bytes_total");
                assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_threads_current");
            });
        }
    }

    @Test
    void aPreparedXaBranchIsCountedWithItsAge() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of());
             XAConnection connection = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + server.port()).createXAConnection()) {
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            Xid xid = TestXid.SAMPLE;
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("ledger")).send(session.createTextMessage("entry"));
            resource.end(xid, XAResource.TMSUCCESS);
            resource.prepare(xid);

            int port = MetricsServers.metricsPort(server);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(port);
                assertThat(scrape.value("messagestore_transactions_prepared")).isEqualTo(1);
                assertThat(scrape.value("messagestore_transaction_oldest_prepared_age_seconds")).isPositive();
            });
            resource.rollback(xid);
            assertThat(Scrape.of(port).value("messagestore_transactions_prepared")).isZero();
        }
    }

    @Test
    void temporaryQueuesShareOneSeriesAndQueuesOverTheCapAreSummedAsOther() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of("metrics.maxQueues", "2"));
             Connection connection = JmsClient.connect(server.port())) {
            for (String queue : new String[] {"a", "b", "c", "d"}) {
                JmsClient.send(server.port(), queue, "one");
            }
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (int i = 0; i < 3; i++) {
                var replies = session.createTemporaryQueue();
                session.createProducer(replies).send(session.createTextMessage("reply"));
            }

            Scrape scrape = Scrape.of(MetricsServers.metricsPort(server));

            // DLQ exists from start and sorts first: it and "a" fill the cap of 2.
            assertThat(scrape.series("messagestore_queue_messages")).containsExactlyInAnyOrder(
                    Map.of("queue", "DLQ", "kind", "queue"),
                    Map.of("queue", "a", "kind", "queue"),
                    Map.of("queue", "(other)", "kind", "queue"),
                    Map.of("queue", "(temporary)", "kind", "temporary_queue"));
            assertThat(scrape.value("messagestore_queue_messages", "queue", "(other)", "kind", "queue")).isEqualTo(3);
            assertThat(scrape.value("messagestore_queue_messages_added_total", "queue", "(temporary)",
                    "kind", "temporary_queue")).isEqualTo(3);
        }
    }

    @Test
    void durableSubscriptionsCarryTheirTopicAndNonDurableOnesShareOneSeries() throws Exception {
        try (MessageStoreServer server = MetricsServers.start(dataDir, Map.of());
             Connection connection = JmsClient.connect(server.port())) {
            connection.setClientID("audit");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var prices = session.createTopic("prices");
            session.createDurableSubscriber(prices, "ledger");
            session.createConsumer(prices);
            session.createConsumer(prices);
            session.createProducer(prices).send(session.createTextMessage("42"));

            int port = MetricsServers.metricsPort(server);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(port);
                assertThat(scrape.series("messagestore_queue_messages_added_total")).contains(
                        Map.of("queue", "audit:ledger", "kind", "durable_subscription", "topic", "prices"),
                        Map.of("queue", "(non-durable)", "kind", "non_durable_subscription"));
                assertThat(scrape.value("messagestore_queue_messages_added_total", "queue", "(non-durable)",
                        "kind", "non_durable_subscription")).isEqualTo(2);
                assertThat(scrape.value("messagestore_queue_consumers", "queue", "(non-durable)",
                        "kind", "non_durable_subscription")).isEqualTo(2);
            });
        }
    }
}
