package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * A QueueBrowser shows the whole of a deep Xodus-backed queue, not only the window the broker holds in
 * memory (Jakarta Messaging 3.1, 4.7 "QueueBrowser"), both while the queue pages and after a restart.
 */
class BrokerPagingBrowserTest {

    private static final int WINDOW = 1_000;
    private static final int BACKLOG = 50_000;

    @TempDir
    Path dir;

    @Test
    void aBrowserShowsEveryMessageOfAFiftyThousandMessageBacklogOnceInOrder() throws Exception {
        String name = "browse-" + UUID.randomUUID();
        try (XodusMessageStore store = StoreTesting.open(dir)) {
            BrokerConfig config = BrokerConfig.defaults(name).withStore(store).withPagingWindow(WINDOW);
            try (Broker broker = Broker.start(config)) {
                send(name, BACKLOG);
                assertBrowsesWholeBacklog(name);
            }
            try (Broker restarted = Broker.start(config)) {
                assertBrowsesWholeBacklog(name);
            }
            assertThat(store.storedMessageCount()).as("browsing consumes nothing").isEqualTo(BACKLOG);
        }
    }

    private static void assertBrowsesWholeBacklog(String broker) throws Exception {
        try (Connection connection = new MessageStoreConnectionFactory("vm://" + broker).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue("backlog"))) {
                int seen = 0;
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); seen++) {
                    TextMessage message = (TextMessage) messages.nextElement();
                    assertThat(message.getText()).isEqualTo("m-" + seen);
                }
                assertThat(seen).isEqualTo(BACKLOG);
            }
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
                if (i % 1_000 == 999) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
