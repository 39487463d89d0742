package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.queueConsumer;
import static org.messagestore.broker.BrokerFixture.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;

/**
 * The broker's timeout for unprepared XA branches ({@link ResourceLimits#unpreparedBranchTimeout()}):
 * a branch nobody prepares, its connection still open, is rolled back and its consumed messages come
 * back; the transaction manager then hears XA_RBTIMEOUT. A prepared branch never times out.
 */
class XaBranchTimeoutTest {

    private static final DestinationName INBOX = DestinationName.queue("inbox");
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final BranchXid xid = new BranchXid(7, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), new byte[] {1});
    private BrokerFixture fixture;
    private BrokerConnection c;
    private RecordingSink inbox;

    /** Starts a broker with the short timeout; session 1 consumes INBOX, holding one message. */
    private void start() throws Exception {
        fixture = new BrokerFixture(config -> config.withLimits(ResourceLimits.DEFAULT.withUnpreparedBranchTimeout(TIMEOUT)));
        c = fixture.connect();
        c.createSession(1, false);
        send(c, 1, Messages.text(INBOX, "request"));
        inbox = new RecordingSink();
        c.createConsumer(queueConsumer(1, 1, INBOX, 1), inbox);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anIdleUnpreparedBranchIsRolledBackAndItsTransactionManagerHearsOfIt() throws Exception {
        start();
        c.xaStart(1, xid, XAResource.TMNOFLAGS);
        assertThat(consume(c, inbox)).isEqualTo("request");
        c.xaEnd(1, xid, XAResource.TMSUCCESS);

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.all().size() == 2);

        assertThat(inbox.all().get(1)).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                .containsExactly("request", 2);
        assertThat(catchThrowableOfType(() -> c.xaPrepare(xid), XAException.class).errorCode).isEqualTo(XAException.XA_RBTIMEOUT);
        assertThat(catchThrowableOfType(() -> c.xaPrepare(xid), XAException.class).errorCode)
                .as("reported once, then forgotten").isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void aBranchStillAssociatedIsRolledBackWhenItsSessionEndsIt() throws Exception {
        start();
        c.xaStart(1, xid, XAResource.TMNOFLAGS);
        assertThat(consume(c, inbox)).isEqualTo("request");
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.broker.timedOut(xid));
        assertThat(inbox.all()).as("locked while the session still works on the branch").hasSize(1);

        assertThat(catchThrowableOfType(() -> c.xaEnd(1, xid, XAResource.TMSUCCESS), XAException.class).errorCode)
                .isEqualTo(XAException.XA_RBTIMEOUT);

        assertThat(inbox.all()).hasSize(2);
        assertThat(inbox.all().get(1).deliveryCount()).isEqualTo(2);
        assertThat(catchThrowableOfType(() -> c.xaCommit(xid, true), XAException.class).errorCode).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void aTimedOutBranchWhoseSessionClosesWithoutEndingItIsRolledBackWhileTheConnectionStaysOpen() throws Exception {
        start();
        c.xaStart(1, xid, XAResource.TMNOFLAGS);
        assertThat(consume(c, inbox)).isEqualTo("request");
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.broker.timedOut(xid));

        c.closeSession(1);
        c.createSession(2, false);
        RecordingSink again = new RecordingSink();
        c.createConsumer(queueConsumer(2, 2, INBOX, 1), again);

        assertThat(again.take()).extracting(d -> Messages.body(d.message()), Delivery::deliveryCount)
                .containsExactly("request", 2);
        assertThat(catchThrowableOfType(() -> c.xaPrepare(xid), XAException.class).errorCode).isEqualTo(XAException.XA_RBTIMEOUT);
    }

    @Test
    void theTransactionManagersRollbackOfATimedOutBranchSucceeds() throws Exception {
        start();
        c.xaStart(1, xid, XAResource.TMNOFLAGS);
        consume(c, inbox);
        c.xaEnd(1, xid, XAResource.TMSUCCESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.all().size() == 2);

        c.xaRollback(xid);

        assertThat(catchThrowableOfType(() -> c.xaRollback(xid), XAException.class).errorCode).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void aPreparedBranchNeverTimesOut() throws Exception {
        start();
        c.xaStart(1, xid, XAResource.TMNOFLAGS);
        consume(c, inbox);
        c.xaEnd(1, xid, XAResource.TMSUCCESS);
        assertThat(c.xaPrepare(xid)).isEqualTo(XAResource.XA_OK);

        await().during(TIMEOUT.multipliedBy(4)).atMost(TIMEOUT.multipliedBy(6))
                .until(() -> c.xaRecover().contains(xid) && inbox.all().size() == 1);

        c.xaCommit(xid, false);
        assertThat(c.xaRecover()).isEmpty();
    }
}
