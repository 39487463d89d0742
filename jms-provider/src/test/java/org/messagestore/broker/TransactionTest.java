package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;

/** Local transactions of a transacted session (Jakarta Messaging 3.1, 6.2.7 "Transactions"). */
class TransactionTest {

    private static final DestinationName IN = DestinationName.queue("in");
    private static final DestinationName OUT = DestinationName.queue("out");

    private BrokerFixture fixture;
    private BrokerConnection connection;
    private long transacted;
    private long plain;

    @BeforeEach
    void start() throws Exception {
        fixture = new BrokerFixture();
        connection = fixture.connect();
        transacted = fixture.session(connection, true);
        plain = fixture.session(connection, false);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void transactedSendIsInvisibleUntilCommit() throws Exception {
        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, plain, OUT, 10, sink);

        CompletableFuture<Void> sent = connection.send(transacted, Messages.text(OUT, "t1"));

        assertThat(sent).isCompleted();
        assertThat(sink.all()).isEmpty();
        assertThat(fixture.store.storedMessageCount()).isZero();

        connection.commit(transacted);

        assertThat(sink.allBodies()).containsExactly("t1");
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
    }

    @Test
    void rollbackDiscardsTheTransactionsSends() throws Exception {
        connection.send(transacted, Messages.text(OUT, "discarded")).get();
        connection.rollback(transacted);
        connection.send(transacted, Messages.text(OUT, "kept")).get();
        connection.commit(transacted);

        RecordingSink sink = new RecordingSink();
        fixture.consumer(connection, plain, OUT, 10, sink);
        assertThat(sink.allBodies()).containsExactly("kept");
    }

    @Test
    void commitRemovesConsumedMessagesAndPublishesSendsTogether() throws Exception {
        send(connection, plain, Messages.text(IN, "request"));
        RecordingSink in = new RecordingSink();
        fixture.consumer(connection, transacted, IN, 10, in);
        consume(connection, in);
        connection.send(transacted, Messages.text(OUT, "reply")).get();

        connection.commit(transacted);

        assertThat(fixture.broker.queue("in").hasOutstanding()).isFalse();
        assertThat(fixture.broker.queue("out").pendingCount()).isEqualTo(1);
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
        connection.rollback(transacted);
        assertThat(in.buffered()).isEmpty();
    }

    @Test
    void rollbackReturnsConsumedMessagesAndDropsSends() throws Exception {
        send(connection, plain, Messages.text(IN, "request"));
        RecordingSink in = new RecordingSink();
        fixture.consumer(connection, transacted, IN, 10, in);
        consume(connection, in);
        connection.send(transacted, Messages.text(OUT, "reply")).get();

        connection.rollback(transacted);

        assertThat(in.take().deliveryCount()).isEqualTo(2);
        assertThat(fixture.broker.queue("out").pendingCount()).isZero();
    }

    @Test
    void transactedSendsToATopicFanOutAtCommit() throws Exception {
        DestinationName news = DestinationName.topic("news");
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        connection.createConsumer(BrokerFixture.topicConsumer(fixture.newId(), plain, news, null, false, false, false), a);
        connection.createConsumer(BrokerFixture.topicConsumer(fixture.newId(), plain, news, null, false, false, false), b);

        connection.send(transacted, Messages.text(news, "headline")).get();
        assertThat(a.all()).isEmpty();
        connection.commit(transacted);

        assertThat(a.allBodies()).containsExactly("headline");
        assertThat(b.allBodies()).containsExactly("headline");
    }
}
