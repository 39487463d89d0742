package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/** Broker-side queue browsers (Jakarta Messaging 3.1, 4.7 "QueueBrowser"). */
class QueueBrowserTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long session;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        connection = fixture.connect();
        session = fixture.session(connection, false);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<String> browseAll(long browser, int page) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (List<MessageData> next = connection.browseNext(browser, page); !next.isEmpty();
             next = connection.browseNext(browser, page)) {
            assertThat(next.size()).isLessThanOrEqualTo(page);
            next.forEach(m -> bodies.add(Messages.body(m)));
        }
        return bodies;
    }

    private long browser(String selector) throws Exception {
        long id = fixture.newId();
        connection.createBrowser(id, session, ORDERS, selector);
        return id;
    }

    @Test
    void browserShowsMessagesInDeliveryOrderInPagesAndConsumesNothing() throws Exception {
        send(connection, session, Messages.withPriority(ORDERS, "low", 1));
        send(connection, session, Messages.withPriority(ORDERS, "high", 9));
        send(connection, session, Messages.withPriority(ORDERS, "normal-1", 4));
        send(connection, session, Messages.withPriority(ORDERS, "normal-2", 4));

        assertThat(browseAll(browser(null), 3)).containsExactly("high", "normal-1", "normal-2", "low");
        assertThat(fixture.broker.queue("orders").pendingCount()).isEqualTo(4);

        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 10, sink);
        assertThat(sink.bufferedBodies()).containsExactly("high", "normal-1", "normal-2", "low");
    }

    @Test
    void browsingDoesNotDisturbDispatchToAConsumerWithCredit() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 1, sink);
        for (int i = 0; i < 3; i++) {
            send(connection, session, Messages.text(ORDERS, "m" + i));
        }
        long browser = browser(null);

        assertThat(browseAll(browser, 10)).containsExactly("m1", "m2");
        assertThat(consume(connection, sink)).isEqualTo("m0");
        assertThat(consume(connection, sink)).isEqualTo("m1");
        assertThat(consume(connection, sink)).isEqualTo("m2");
    }

    @Test
    void messagesConsumedAfterTheBrowserWasCreatedAreNotShown() throws Exception {
        send(connection, session, Messages.text(ORDERS, "a"));
        send(connection, session, Messages.text(ORDERS, "b"));
        long browser = browser(null);

        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, session, ORDERS, 1, sink);
        consume(connection, sink);
        connection.acknowledge(session);

        assertThat(browseAll(browser, 10)).doesNotContain("a");
    }

    @Test
    void expiredMessagesAreNeverShown() throws Exception {
        send(connection, session, Messages.expiringAt(ORDERS, "expired", System.currentTimeMillis() - 1));
        send(connection, session, Messages.text(ORDERS, "live"));

        assertThat(browseAll(browser(null), 10)).containsExactly("live");
    }

    @Test
    void aBrowserWithASelectorShowsOnlyMatchingMessages() throws Exception {
        send(connection, session, Messages.withProperties(ORDERS, "red", java.util.Map.of("color", "red")));
        send(connection, session, Messages.withProperties(ORDERS, "blue", java.util.Map.of("color", "blue")));

        assertThat(browseAll(browser("color = 'blue'"), 10)).containsExactly("blue");
    }

    @Test
    void closingTheSessionClosesItsBrowsers() throws Exception {
        send(connection, session, Messages.text(ORDERS, "a"));
        long browser = browser(null);

        connection.closeSession(session);

        assertThatThrownBy(() -> connection.browseNext(browser, 10)).isInstanceOf(IllegalStateException.class);
        connection.closeBrowser(browser); // closing a closed browser does nothing
    }

    @Test
    void browsingAnUnknownQueueFollowsTheAutoCreateRulesOfConsumers() throws Exception {
        long created = fixture.newId();
        connection.createBrowser(created, session, DestinationName.queue("fresh"), null);
        assertThat(connection.browseNext(created, 10)).isEmpty();
        assertThat(fixture.broker.queue("fresh")).isNotNull();

        try (BrokerFixture strict = new BrokerFixture(c -> c.withAutoCreateDestinations(false))) {
            BrokerConnection c = strict.connect();
            long s = strict.session(c, false);
            assertThatThrownBy(() -> c.createBrowser(strict.newId(), s, DestinationName.queue("missing"), null))
                    .isInstanceOf(InvalidDestinationException.class);
        }
    }

    @Test
    void browsingATopicIsRejected() {
        assertThatThrownBy(() -> connection.createBrowser(fixture.newId(), session, DestinationName.topic("news"), null))
                .isInstanceOf(InvalidDestinationException.class);
    }
}
