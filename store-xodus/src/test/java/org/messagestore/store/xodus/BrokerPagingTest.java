package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoredReference;

/**
 * The broker pages a durable queue from the Xodus store: a restart with a backlog reads one page, and
 * the backlog then drains in order with resumed cursors (issue 4, items 5 and 6).
 */
class BrokerPagingTest {

    private static final int WINDOW = 100;
    private static final int BACKLOG = 2_000;

    @TempDir
    Path dir;

    @Test
    void aRestartedBrokerReadsOnePageOfTheBacklogThenDrainsItInOrder() throws Exception {
        String name = "paging-" + UUID.randomUUID();
        try (XodusMessageStore xodus = StoreTesting.open(dir)) {
            CountingStore store = new CountingStore(xodus);
            try (Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store).withPagingWindow(WINDOW))) {
                send(name, BACKLOG);
            }
            long readBeforeRestart = store.read.get();

            try (Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store).withPagingWindow(WINDOW))) {
                assertThat(store.read.get() - readBeforeRestart).as("references read at start").isEqualTo(WINDOW);
                List<String> bodies = receive(name, BACKLOG);
                assertThat(bodies).hasSize(BACKLOG).doesNotHaveDuplicates();
                for (int i = 0; i < BACKLOG; i++) {
                    assertThat(bodies.get(i)).isEqualTo("m-" + i);
                }
            }
            assertThat(xodus.storedMessageCount()).isZero();
        }
    }

    private static void send(String broker, int count) throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("backlog");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m-" + i));
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    private static List<String> receive(String broker, int count) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("backlog"));
            for (int i = 0; i < count; i++) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                assertThat(message).as("message " + i).isNotNull();
                bodies.add(message.getText());
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }
        return bodies;
    }

    /** Counts the references cursors return; does not close the store it wraps. */
    private static final class CountingStore extends ForwardingMessageStore {
        final AtomicLong read = new AtomicLong();

        CountingStore(MessageStore delegate) {
            super(delegate);
        }

        @Override
        public ReferenceCursor openCursor(QueueId queue, long afterPosition) {
            ReferenceCursor cursor = delegate.openCursor(queue, afterPosition);
            return new ReferenceCursor() {
                @Override
                public List<StoredReference> next(int max) {
                    List<StoredReference> page = cursor.next(max);
                    read.addAndGet(page.size());
                    return page;
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        }

        @Override
        public boolean survivesRestart() {
            return true;
        }

        @Override
        public String description() {
            return "counting " + delegate.description();
        }

        @Override
        public void close() {
        }
    }
}
