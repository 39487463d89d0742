package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.memory.InMemoryStore;

/**
 * A browser of a paging queue shows the whole queue, not only the window held in memory (Jakarta
 * Messaging 3.1, 4.7 "QueueBrowser": a client looks at the messages on a queue without removing them).
 */
class PagingQueueBrowserTest {

    private static final DestinationName BACKLOG = DestinationName.queue("backlog");
    private static final int WINDOW = 10;

    private final InMemoryStore memoryStore = new InMemoryStore();
    private final CountingStore store = new CountingStore(memoryStore);
    private final String name = BrokerFixture.uniqueName();

    @AfterEach
    void closeStore() {
        memoryStore.close();
    }

    private Broker start() throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store).withPagingWindow(WINDOW));
    }

    private static String body(int i) {
        return String.format("m-%04d", i);
    }

    private static List<String> bodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(PagingQueueBrowserTest::body).toList();
    }

    private static BrokerConnection connect(Broker broker, long session) throws Exception {
        BrokerConnection c = broker.connect(null, null, null);
        c.setStarted(true);
        c.createSession(session, false);
        return c;
    }

    private static void sendAll(BrokerConnection c, long session, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            send(c, session, Messages.withProperties(BACKLOG, body(i), Map.of("n", i, "color", i % 3 == 0 ? "red" : "blue")));
        }
    }

    private static long browser(BrokerConnection c, long session, String selector) throws Exception {
        long id = 1_000 + session;
        c.createBrowser(id, session, BACKLOG, selector);
        return id;
    }

    /** Up to {@code pages} pages of {@code size}; stops early at the end. */
    private static List<String> browse(BrokerConnection c, long browser, int size, int pages) throws Exception {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            List<MessageData> page = c.browseNext(browser, size);
            assertThat(page.size()).isLessThanOrEqualTo(size);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(m -> seen.add(Messages.body(m)));
        }
        return seen;
    }

    private static List<String> browseToEnd(BrokerConnection c, long browser, int size) throws Exception {
        return browse(c, browser, size, Integer.MAX_VALUE);
    }

    @Test
    void aBrowserShowsEveryMessageOfAPagingQueueOnceInArrivalOrder() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 500);
            MessageQueue queue = broker.queue("backlog");
            assertThat(queue.withPaging(QueuePaging::active)).isTrue();
            assertThat(queue.pendingCount()).isLessThanOrEqualTo(WINDOW);

            assertThat(browseToEnd(c, browser(c, 1, null), 7)).containsExactlyElementsOf(bodies(0, 500));
            assertThat(memoryStore.storedMessageCount()).as("browsing consumes nothing").isEqualTo(500);
        }
    }

    @Test
    void aBrowserReadsEachStoredReferenceOnceAndOnlyAsFarAsEachPageNeeds() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 500);
            long browser = browser(c, 1, null);
            long readBefore = store.referencesRead();

            List<String> seen = new ArrayList<>();
            for (List<MessageData> page = List.of(); seen.isEmpty() || !page.isEmpty(); ) {
                long pageReadBefore = store.referencesRead();
                page = c.browseNext(browser, 7);
                page.forEach(m -> seen.add(Messages.body(m)));
                // At most the page, plus the window's references the store walk meets and skips once.
                assertThat(store.referencesRead() - pageReadBefore).isLessThanOrEqualTo(7 + WINDOW);
            }
            assertThat(seen).containsExactlyElementsOf(bodies(0, 500));
            assertThat(store.referencesRead() - readBefore).as("stored references read").isEqualTo(500);
        }
    }

    @Test
    void aBrowserWithASelectorShowsEveryMatchingMessageOfAPagingQueue() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 400);

            List<String> expected = IntStream.range(0, 400).filter(i -> i % 3 == 0 && i >= 5)
                    .mapToObj(PagingQueueBrowserTest::body).toList();
            assertThat(browseToEnd(c, browser(c, 1, "color = 'red' AND n >= 5"), 4)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aConsumerDrainingThePagingQueueMeanwhileCausesNoDuplicatesAndHidesNothingLeftInTheStore() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 500);
            long browser = browser(c, 1, null);
            List<String> seen = new ArrayList<>(browse(c, browser, 5, 6));

            BrokerConnection consumerConnection = connect(broker, 2);
            QueueingSink sink = new QueueingSink();
            consumerConnection.createConsumer(queueConsumer(2, 2, BACKLOG, 3), sink);
            CompletableFuture<List<String>> consumed = CompletableFuture.supplyAsync(() -> {
                try {
                    List<String> bodies = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        Delivery delivery = sink.take();
                        bodies.add(Messages.body(delivery.message()));
                        consumerConnection.consumed(delivery.consumerId(), delivery.deliveryId());
                        consumerConnection.acknowledge(2);
                    }
                    return bodies;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            seen.addAll(browseToEnd(c, browser, 3));
            assertThat(consumed.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(bodies(0, 200));

            assertThat(seen).doesNotHaveDuplicates().isSorted();
            assertThat(seen).as("what was never consumed").containsAll(bodies(200, 500));
        }
    }

    @Test
    void messagesConsumedAheadOfTheBrowserInTheStoreAreNotShown() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 100);
            long browser = browser(c, 1, null);

            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(2, 1, BACKLOG, 1), sink);
            for (int i = 0; i < 50; i++) { // the window, and 40 that were only in the store
                Delivery delivery = sink.take();
                c.consumed(delivery.consumerId(), delivery.deliveryId());
                c.acknowledge(1);
            }
            c.closeConsumer(2);

            assertThat(browseToEnd(c, browser, 10)).containsExactlyElementsOf(bodies(50, 100));
        }
    }

    @Test
    void aBrowserAfterARestartShowsTheWholeBacklogOnce() throws Exception {
        try (Broker broker = start()) {
            sendAll(connect(broker, 1), 1, 300);
        }

        try (Broker restarted = start()) {
            BrokerConnection c = connect(restarted, 1);
            assertThat(restarted.queue("backlog").pendingCount()).isEqualTo(WINDOW);
            assertThat(browseToEnd(c, browser(c, 1, null), 8)).containsExactlyElementsOf(bodies(0, 300));
        }
    }

    @Test
    void messagesLockedByABranchPreparedBeforeARestartAreNotShown() throws Exception {
        BranchXid xid = new BranchXid(7, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});
        try (Broker broker = start()) {
            BrokerConnection c = connect(broker, 1);
            sendAll(c, 1, 300);
            c.createSession(2, false);
            QueueingSink sink = new QueueingSink();
            c.createConsumer(queueConsumer(1, 2, BACKLOG, 5), sink);
            c.xaStart(2, xid, XAResource.TMNOFLAGS);
            for (int i = 0; i < 40; i++) { // more than the first page read at restart
                Delivery delivery = sink.take();
                assertThat(Messages.body(delivery.message())).isEqualTo(body(i));
                c.consumed(delivery.consumerId(), delivery.deliveryId());
            }
            c.closeConsumer(1);
            c.xaEnd(2, xid, XAResource.TMSUCCESS);
            assertThat(c.xaPrepare(xid)).isEqualTo(XAResource.XA_OK);
        }

        try (Broker restarted = start()) {
            BrokerConnection c = connect(restarted, 1);
            assertThat(browseToEnd(c, browser(c, 1, null), 6)).containsExactlyElementsOf(bodies(40, 300));
        }
    }
}
