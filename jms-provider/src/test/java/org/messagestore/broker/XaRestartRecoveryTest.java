package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.memory.InMemoryStore;

/**
 * XA recovery across a broker restart on the same store (DESIGN.md, Decisions, XA: "recover returns
 * in-doubt Xids after a restart"): a branch prepared before the restart is listed by recover, its
 * consumed messages stay locked, and commit or rollback resolves it.
 */
class XaRestartRecoveryTest {

    private static final DestinationName INBOX = DestinationName.queue("inbox");
    private static final DestinationName OUTBOX = DestinationName.queue("outbox");
    private static final DestinationName DLQ = DestinationName.queue(RedeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE);

    private final InMemoryStore store = new InMemoryStore();
    private final String name = BrokerFixture.uniqueName();
    private final BranchXid xid = new BranchXid(7, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RedeliveryPolicy redelivery = RedeliveryPolicy.DEFAULT;

    private Broker start() throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store).withRedeliveryPolicy(redelivery));
    }

    /** "Receive a message, send a message" in one branch, prepared, then the broker stops. */
    private void prepareReceiveAndSend() throws Exception {
        try (Broker broker = start()) {
            BrokerFixture.prepareReceiveAndSend(broker, xid, INBOX, OUTBOX);
        }
    }

    private static RecordingSink consumer(BrokerConnection c, long id, DestinationName queue) throws Exception {
        c.createSession(id, false);
        RecordingSink sink = new RecordingSink();
        c.createConsumer(queueConsumer(id, id, queue, 10), sink);
        return sink;
    }

    @Test
    void aBranchPreparedBeforeARestartIsInDoubtAndCommitsAfterIt() throws Exception {
        prepareReceiveAndSend();

        try (Broker restarted = start()) {
            assertThat(restarted.inDoubtTransactions()).extracting(PreparedTransaction::xid).containsExactly(xid);
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            RecordingSink outbox = consumer(c, 2, OUTBOX);
            assertThat(c.xaRecover()).containsExactly(xid);
            assertThat(inbox.all()).as("the consumed request stays locked while in doubt").isEmpty();
            assertThat(outbox.all()).as("the reply is not visible before commit").isEmpty();

            c.xaCommit(xid, false);

            assertThat(outbox.allBodies()).containsExactly("reply");
            assertThat(inbox.all()).isEmpty();
            assertThat(c.xaRecover()).isEmpty();
            assertThat(restarted.inDoubtTransactions()).isEmpty();
            assertThat(catchThrowableOfType(() -> c.xaCommit(xid, false), XAException.class).errorCode)
                    .isEqualTo(XAException.XAER_NOTA);
        }

        try (Broker again = start()) {
            assertThat(again.inDoubtTransactions()).isEmpty();
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            assertThat(consumer(c, 1, INBOX).all()).isEmpty();
            assertThat(consumer(c, 2, OUTBOX).allBodies()).containsExactly("reply");
        }
    }

    @Test
    void aBranchPreparedBeforeARestartRollsBackAfterIt() throws Exception {
        prepareReceiveAndSend();

        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            RecordingSink outbox = consumer(c, 2, OUTBOX);

            c.xaRollback(xid);

            assertThat(inbox.all()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                    .containsExactly(tuple("request", 2));
            assertThat(outbox.all()).isEmpty();
            assertThat(c.xaRecover()).isEmpty();
        }

        try (Broker again = start()) {
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            assertThat(consumer(c, 1, INBOX).all()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                    .containsExactly(tuple("request", 2));
            assertThat(consumer(c, 2, OUTBOX).all()).isEmpty();
        }
    }

    @Test
    void aRecoveredRollbackSendsAMessageOverItsDeliveryLimitToTheDeadLetterQueue() throws Exception {
        redelivery = RedeliveryPolicy.DEFAULT.withMaxDeliveries(1);
        prepareReceiveAndSend();

        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            RecordingSink deadLetters = consumer(c, 2, DLQ);

            c.xaRollback(xid);

            MessageData dead = deadLetters.take().message();
            assertThat(Messages.body(dead)).isEqualTo("request");
            assertThat(dead.properties())
                    .containsEntry(DivertedCopy.ORIGINAL_DESTINATION, "queue://inbox")
                    .containsEntry(DivertedCopy.DELIVERY_COUNT, 1);
            assertThat(inbox.all()).isEmpty();
        }

        try (Broker again = start()) {
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            assertThat(consumer(c, 1, INBOX).all()).isEmpty();
            assertThat(consumer(c, 2, DLQ).allBodies()).containsExactly("request");
        }
    }

    @Test
    void aRecoveredRollbackHoldsTheReleasedMessageForTheRedeliveryDelayEvenAcrossARestart() throws Exception {
        long delay = 3_000;
        redelivery = RedeliveryPolicy.DEFAULT.withRedeliveryDelayMillis(delay);
        prepareReceiveAndSend();
        long rolledBackAt;

        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            rolledBackAt = System.currentTimeMillis();
            c.xaRollback(xid);
            assertThat(inbox.all()).isEmpty();
        }

        try (Broker again = start()) {
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            assertThat(inbox.all()).as("still held back right after the restart").isEmpty();

            Delivery redelivered = inbox.take();

            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(rolledBackAt + delay);
            assertThat(redelivered.deliveryCount()).isEqualTo(2);
        }
    }

    @Test
    void anUnpreparedBranchDoesNotSurviveItsConnection() throws Exception {
        try (Broker broker = start()) {
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            send(c, 1, Messages.text(INBOX, "request"));
            RecordingSink sink = new RecordingSink();
            c.createConsumer(queueConsumer(1, 1, INBOX, 1), sink);
            c.xaStart(1, xid, XAResource.TMNOFLAGS);
            consume(c, sink);
            c.xaEnd(1, xid, XAResource.TMSUCCESS);
            c.close();

            BrokerConnection other = broker.connect(null, null, null);
            other.setStarted(true);
            assertThat(consumer(other, 1, INBOX).all()).extracting(Delivery::deliveryCount).containsExactly(2);
            assertThat(catchThrowableOfType(() -> other.xaRollback(xid), XAException.class).errorCode)
                    .isEqualTo(XAException.XAER_NOTA);
        }
    }
}
