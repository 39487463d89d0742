package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/**
 * In-doubt XA work an operator can see and settle ({@link PreparedBranches}): prepared branches listed
 * with their age, destinations and counts, before and after a restart; a branch committed or rolled
 * back by hand is a heuristic decision that the transaction manager hears of (XA_HEURCOM, XA_HEURRB,
 * listed by recover) until it forgets it, across restarts too.
 */
class PreparedBranchesTest {

    private static final DestinationName INBOX = DestinationName.queue("inbox");
    private static final DestinationName OUTBOX = DestinationName.queue("outbox");

    private final InMemoryStore store = new InMemoryStore();
    private final String name = BrokerFixture.uniqueName();
    private final BranchXid xid = new BranchXid(7, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Broker start() throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store));
    }

    private static void prepareReceiveAndSend(Broker broker, BranchXid xid) throws Exception {
        BrokerFixture.prepareReceiveAndSend(broker, xid, INBOX, OUTBOX);
    }

    private static RecordingSink consumer(BrokerConnection c, long id, DestinationName queue) throws Exception {
        c.createSession(id, false);
        RecordingSink sink = new RecordingSink();
        c.createConsumer(queueConsumer(id, id, queue, 10), sink);
        return sink;
    }

    private static int xaCode(ThrowingRunnable call) {
        return catchThrowableOfType(call::run, XAException.class).errorCode;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aPreparedBranchIsListedWithItsAgeDestinationsAndCountsBeforeAndAfterARestart() throws Exception {
        Instant before = Instant.now();
        Instant preparedAt;
        try (Broker broker = start()) {
            prepareReceiveAndSend(broker, xid);

            PreparedBranch branch = broker.preparedBranches().list().get(0);

            assertThat(broker.preparedBranches().list()).hasSize(1);
            assertThat(branch.xid()).isEqualTo(xid);
            assertThat(branch.state()).isEqualTo(PreparedBranch.State.PREPARED);
            assertThat(branch.preparedAt()).isBetween(before, Instant.now());
            assertThat(branch.age(Instant.now()).isNegative()).isFalse();
            assertThat(branch.destinations()).containsExactlyInAnyOrder("queue://inbox", "queue://outbox");
            assertThat(branch.messagesSent()).isEqualTo(1);
            assertThat(branch.messagesAcknowledged()).isEqualTo(1);
            assertThat(branch.decidedAt()).isNull();
            preparedAt = branch.preparedAt();
        }
        try (Broker restarted = start()) {
            assertThat(restarted.preparedBranches().list()).singleElement()
                    .extracting(PreparedBranch::xid, PreparedBranch::state, PreparedBranch::preparedAt,
                            PreparedBranch::messagesSent, PreparedBranch::messagesAcknowledged)
                    .containsExactly(xid, PreparedBranch.State.PREPARED, preparedAt, 1, 1);
            assertThat(restarted.preparedBranches().list().get(0).destinations())
                    .containsExactlyInAnyOrder("queue://inbox", "queue://outbox");
        }
    }

    @Test
    void anOperatorCommitIsReportedAsHeuristicUntilTheTransactionManagerForgetsItEvenAcrossARestart() throws Exception {
        try (Broker broker = start()) {
            prepareReceiveAndSend(broker, xid);

            PreparedBranch decided = broker.preparedBranches().commit(xid);

            assertThat(decided.state()).isEqualTo(PreparedBranch.State.HEURISTICALLY_COMMITTED);
            assertThat(decided.decidedAt()).isNotNull();
            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            assertThat(consumer(c, 1, OUTBOX).allBodies()).containsExactly("reply");
            assertThat(consumer(c, 2, INBOX).all()).isEmpty();
            assertThat(c.xaRecover()).containsExactly(xid);
            assertThat(xaCode(() -> c.xaCommit(xid, false))).isEqualTo(XAException.XA_HEURCOM);
        }
        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            assertThat(restarted.preparedBranches().list()).extracting(PreparedBranch::xid, PreparedBranch::state)
                    .containsExactly(tuple(xid, PreparedBranch.State.HEURISTICALLY_COMMITTED));
            assertThat(c.xaRecover()).containsExactly(xid);
            assertThat(xaCode(() -> c.xaRollback(xid))).isEqualTo(XAException.XA_HEURCOM);
            assertThat(xaCode(() -> c.xaPrepare(xid))).isEqualTo(XAException.XAER_PROTO);

            c.xaForget(xid);

            assertThat(c.xaRecover()).isEmpty();
            assertThat(restarted.preparedBranches().list()).isEmpty();
            assertThat(xaCode(() -> c.xaCommit(xid, false))).isEqualTo(XAException.XAER_NOTA);
        }
        try (Broker again = start()) {
            assertThat(again.preparedBranches().list()).isEmpty();
            BrokerConnection c = again.connect(null, null, null);
            c.setStarted(true);
            assertThat(c.xaRecover()).isEmpty();
            assertThat(consumer(c, 1, OUTBOX).allBodies()).containsExactly("reply");
        }
    }

    @Test
    void anOperatorRollbackReturnsTheConsumedMessageDropsTheSendsAndIsReportedAsHeuristic() throws Exception {
        try (Broker broker = start()) {
            prepareReceiveAndSend(broker, xid);
        }
        try (Broker restarted = start()) {
            BrokerConnection c = restarted.connect(null, null, null);
            c.setStarted(true);
            RecordingSink inbox = consumer(c, 1, INBOX);
            RecordingSink outbox = consumer(c, 2, OUTBOX);

            assertThat(restarted.preparedBranches().rollback(xid).state()).isEqualTo(PreparedBranch.State.HEURISTICALLY_ROLLED_BACK);

            assertThat(inbox.all()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                    .containsExactly(tuple("request", 2));
            assertThat(outbox.all()).isEmpty();
            assertThat(xaCode(() -> c.xaCommit(xid, false))).isEqualTo(XAException.XA_HEURRB);
            assertThat(xaCode(() -> c.xaRollback(xid))).isEqualTo(XAException.XA_HEURRB);
            c.xaForget(xid);
            assertThat(c.xaRecover()).isEmpty();
        }
    }

    @Test
    void onlyAPreparedBranchCanBeSettledByHandAndForgetNeedsAHeuristicOutcome() throws Exception {
        try (Broker broker = start()) {
            BranchXid unknown = new BranchXid(1, new byte[] {9}, new byte[] {9});
            assertThatThrownBy(() -> broker.preparedBranches().commit(unknown))
                    .isInstanceOf(jakarta.jms.IllegalStateException.class).hasMessageContaining(unknown.toString());

            BrokerConnection c = broker.connect(null, null, null);
            c.setStarted(true);
            c.createSession(1, false);
            send(c, 1, Messages.text(INBOX, "request"));
            RecordingSink sink = new RecordingSink();
            c.createConsumer(queueConsumer(1, 1, INBOX, 1), sink);
            c.xaStart(1, xid, XAResource.TMNOFLAGS);
            consume(c, sink);
            c.xaEnd(1, xid, XAResource.TMSUCCESS);

            assertThatThrownBy(() -> broker.preparedBranches().rollback(xid))
                    .isInstanceOf(jakarta.jms.IllegalStateException.class).hasMessageContaining("not prepared");
            assertThat(broker.preparedBranches().list()).isEmpty();
            assertThat(xaCode(() -> c.xaForget(xid))).isEqualTo(XAException.XAER_PROTO);

            assertThat(c.xaPrepare(xid)).isEqualTo(XAResource.XA_OK);
            broker.preparedBranches().rollback(xid);
            assertThatThrownBy(() -> broker.preparedBranches().commit(xid))
                    .isInstanceOf(jakarta.jms.IllegalStateException.class).hasMessageContaining("already completed heuristically");
        }
    }

    @Test
    void aBranchIdReadsBackFromTheFormAnOperatorTypes() {
        assertThat(BranchXid.parse(xid.text())).isEqualTo(xid);
        assertThat(BranchXid.parse(xid.toString())).isEqualTo(xid);
        assertThatThrownBy(() -> BranchXid.parse("7:zz:01")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7:zz:01");
        assertThatThrownBy(() -> BranchXid.parse("7:01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("formatId:globalTransactionIdHex:branchQualifierHex");
    }
}
