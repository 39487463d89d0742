package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Issue 4, "Do not write what is already gone", end to end: a non-transacted persistent send reaches
 * its consumer while its store write waits for the next flush, the consumer acknowledges it, and the
 * add and the acknowledgement cancel in that flush. Neither the send nor the acknowledgement returns
 * before the flush.
 */
class BrokerElisionTest {

    @TempDir
    Path dir;

    @Test
    void aMessageConsumedBeforeItsFlushIsNeverWritten() throws Exception {
        String name = "elision-" + UUID.randomUUID();
        try (XodusMessageStore xodus = StoreTesting.open(dir)) {
            CountingApplies store = new CountingApplies(xodus);
            try (Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store));
                 Connection connection = new MessageStoreConnectionFactory("vm://" + name).createConnection()) {
                connection.start();
                Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Session consuming = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                Queue queue = producing.createQueue("orders");
                MessageProducer producer = producing.createProducer(queue);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                MessageConsumer consumer = consuming.createConsumer(queue);
                producer.send(producing.createTextMessage("warm-up"));
                consumer.receive(10_000).acknowledge();
                long elidedBefore = xodus.statistics().elidedMessages();

                CompletableFuture<Void> sent = new CompletableFuture<>();
                CompletableFuture<Void> acknowledged;
                try (HeldWriter held = HeldWriter.hold(xodus)) {
                    int applies = store.applies();
                    producer.send(producing.createTextMessage("gone before written"), completing(sent));
                    Message received = consumer.receive(10_000);
                    assertThat(((TextMessage) received).getText()).isEqualTo("gone before written");
                    assertThat(sent).as("received before the send is durable").isNotDone();
                    acknowledged = CompletableFuture.runAsync(() -> acknowledge(received));
                    await().atMost(Duration.ofSeconds(10)).until(() -> store.applies() == applies + 2);
                    assertThat(acknowledged).isNotDone();
                }
                sent.get(10, TimeUnit.SECONDS);
                acknowledged.get(10, TimeUnit.SECONDS);

                assertThat(xodus.statistics().elidedMessages() - elidedBefore).isEqualTo(1);
                assertThat(xodus.storedMessageCount()).isZero();
            }
        }
    }

    private static CompletionListener completing(CompletableFuture<Void> sent) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                sent.complete(null);
            }

            @Override
            public void onException(Message message, Exception exception) {
                sent.completeExceptionally(exception);
            }
        };
    }

    private static void acknowledge(Message message) {
        try {
            message.acknowledge();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
