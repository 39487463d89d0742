package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import java.util.Arrays;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XASession and its XAResource against the real broker (in-VM, and over TCP when the suite runs
 * there): the XA state machine (XA specification, chapter 6; JTA 1.3, 3.4), what other sessions see
 * of a branch's work, and the XASession rules of the Jakarta Messaging 3.1 javadoc.
 */
class XaResourceTest extends JmsTestSupport {

    private XAConnection xaConnection;
    private XASession xaSession;
    private XAResource resource;
    private Session plain;
    private Queue queue;

    @BeforeEach
    void openXaSession() throws Exception {
        xaConnection = track(factory().createXAConnection());
        xaConnection.start();
        xaSession = xaConnection.createXASession();
        resource = xaSession.getXAResource();
        connection.start();
        plain = autoSession();
        queue = newQueue(plain);
    }

    private void sendInBranch(Xid xid, String... texts) throws Exception {
        resource.start(xid, XAResource.TMNOFLAGS);
        sendTexts(xaSession, queue, texts);
        resource.end(xid, XAResource.TMSUCCESS);
    }

    private static int xaCode(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(XAException.class);
        return ((XAException) thrown).errorCode;
    }

    // ---- the XASession API

    @Test
    void anXaSessionIsTransactedAndRefusesLocalCommitAndRollback() throws Exception {
        assertThat(xaSession.getTransacted()).isTrue();
        assertThat(xaSession.getSession()).isSameAs(xaSession);
        assertThrows(TransactionInProgressException.class, xaSession::commit);
        assertThrows(TransactionInProgressException.class, xaSession::rollback);
    }

    @Test
    void outsideAGlobalTransactionAnXaSessionSendsAndAcknowledgesAtOnce() throws Exception {
        sendTexts(xaSession, queue, "direct");
        MessageConsumer plainConsumer = plain.createConsumer(queue);
        assertThat(receiveText(plainConsumer)).isEqualTo("direct");
        plainConsumer.close();

        sendTexts(plain, queue, "to xa");
        MessageConsumer xaConsumer = xaSession.createConsumer(queue);
        assertThat(receiveText(xaConsumer)).isEqualTo("to xa");
        xaConsumer.close();
        xaSession.close();
        // acknowledged on receipt: closing the session returns nothing
        assertNoMessage(plain.createConsumer(queue));
    }

    // ---- sends in a branch

    @Test
    void aSendInABranchIsInvisibleUntilTwoPhaseCommit() throws Exception {
        Xid xid = TestXid.fresh();
        MessageConsumer consumer = plain.createConsumer(queue);
        sendInBranch(xid, "a", "b");
        assertNoMessage(consumer);

        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        assertNoMessage(consumer);
        resource.commit(xid, false);

        assertThat(receiveTexts(consumer, 2)).containsExactly("a", "b");
    }

    @Test
    void onePhaseCommitMakesTheSendsVisible() throws Exception {
        Xid xid = TestXid.fresh();
        sendInBranch(xid, "one-phase");
        resource.commit(xid, true);
        assertThat(receiveText(plain.createConsumer(queue))).isEqualTo("one-phase");
    }

    @Test
    void rollbackAfterPrepareDropsTheSends() throws Exception {
        Xid xid = TestXid.fresh();
        sendInBranch(xid, "dropped");
        resource.prepare(xid);
        resource.rollback(xid);
        assertNoMessage(plain.createConsumer(queue));
        assertThat(xaCode(() -> resource.commit(xid, false))).isEqualTo(XAException.XAER_NOTA);
    }

    // ---- consumption in a branch

    @Test
    void aMessageConsumedInACommittedBranchIsGone() throws Exception {
        sendTexts(plain, queue, "work");
        Xid xid = TestXid.fresh();
        MessageConsumer consumer = xaSession.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(receiveText(consumer)).isEqualTo("work");
        resource.end(xid, XAResource.TMSUCCESS);
        consumer.close();
        resource.prepare(xid);
        resource.commit(xid, false);

        assertNoMessage(plain.createConsumer(queue));
    }

    @Test
    void aMessageConsumedInARolledBackBranchIsRedeliveredWithAHigherDeliveryCount() throws Exception {
        sendTexts(plain, queue, "retry me");
        Xid xid = TestXid.fresh();
        MessageConsumer consumer = xaSession.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(receiveText(consumer)).isEqualTo("retry me");
        resource.end(xid, XAResource.TMSUCCESS);
        consumer.close();
        resource.prepare(xid);
        resource.rollback(xid);

        var again = receiveMessage(plain.createConsumer(queue));
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(deliveryCount(again)).isEqualTo(2);
    }

    @Test
    void anUnpreparedBranchRolledBackReturnsItsMessages() throws Exception {
        sendTexts(plain, queue, "back");
        Xid xid = TestXid.fresh();
        MessageConsumer consumer = xaSession.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        receiveText(consumer);
        resource.end(xid, XAResource.TMFAIL);
        consumer.close();
        resource.rollback(xid);
        assertThat(receiveText(plain.createConsumer(queue))).isEqualTo("back");
    }

    // ---- recovery, other connections

    @Test
    void recoverListsPreparedBranchesAndAnotherConnectionCanCommitThem() throws Exception {
        Xid xid = TestXid.fresh();
        sendInBranch(xid, "in doubt");
        resource.prepare(xid);

        XAConnection other = track(factory().createXAConnection());
        XAResource recoveryResource = other.createXASession().getXAResource();
        Xid[] inDoubt = recoveryResource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertThat(Arrays.stream(inDoubt).anyMatch(((TestXid) xid)::sameAs)).isTrue();
        assertThat(recoveryResource.isSameRM(resource)).isTrue();

        Xid found = Arrays.stream(inDoubt).filter(((TestXid) xid)::sameAs).findFirst().orElseThrow();
        recoveryResource.commit(found, false);
        assertThat(receiveText(plain.createConsumer(queue))).isEqualTo("in doubt");
        assertThat(Arrays.stream(recoveryResource.recover(XAResource.TMSTARTRSCAN)).noneMatch(((TestXid) xid)::sameAs)).isTrue();
    }

    @Test
    void aBranchWithoutWorkVotesReadOnlyAndIsForgotten() throws Exception {
        Xid xid = TestXid.fresh();
        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
        assertThat(xaCode(() -> resource.commit(xid, false))).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void aSuspendedBranchResumesOnTheSameSession() throws Exception {
        Xid xid = TestXid.fresh();
        MessageConsumer consumer = plain.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        sendTexts(xaSession, queue, "first");
        resource.end(xid, XAResource.TMSUSPEND);
        sendTexts(xaSession, queue, "outside");
        assertThat(receiveText(consumer)).isEqualTo("outside");
        resource.start(xid, XAResource.TMRESUME);
        sendTexts(xaSession, queue, "second");
        resource.end(xid, XAResource.TMSUCCESS);
        assertNoMessage(consumer);
        resource.commit(xid, true);
        assertThat(receiveTexts(consumer, 2)).containsExactly("first", "second");
    }

    @Test
    void twoSessionsOfTheSameBrokerJoinOneBranch() throws Exception {
        Xid xid = TestXid.fresh();
        XASession second = xaConnection.createXASession();
        XAResource secondResource = second.getXAResource();
        assertThat(secondResource.isSameRM(resource)).isTrue();
        resource.start(xid, XAResource.TMNOFLAGS);
        secondResource.start(xid, XAResource.TMJOIN);
        sendTexts(xaSession, queue, "from first");
        sendTexts(second, queue, "from second");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(xaCode(() -> resource.prepare(xid))).isEqualTo(XAException.XAER_PROTO);
        secondResource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);
        resource.commit(xid, false);
        assertThat(receiveTexts(plain.createConsumer(queue), 2)).containsExactlyInAnyOrder("from first", "from second");
    }

    // ---- XA error codes

    @Test
    void verbsOutOfTurnFailWithTheXaErrorCodes() throws Exception {
        Xid unknown = TestXid.fresh();
        assertThat(xaCode(() -> resource.prepare(unknown))).isEqualTo(XAException.XAER_NOTA);
        assertThat(xaCode(() -> resource.rollback(unknown))).isEqualTo(XAException.XAER_NOTA);
        assertThat(xaCode(() -> resource.forget(unknown))).isEqualTo(XAException.XAER_NOTA);

        Xid xid = TestXid.fresh();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(xaCode(() -> resource.prepare(xid))).isEqualTo(XAException.XAER_PROTO);
        XAResource other = xaConnection.createXASession().getXAResource();
        assertThat(xaCode(() -> other.start(xid, XAResource.TMNOFLAGS))).isEqualTo(XAException.XAER_DUPID);
        assertThat(xaCode(() -> other.start(xid, XAResource.TMRESUME))).isEqualTo(XAException.XAER_PROTO);
        sendTexts(xaSession, queue, "x");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(xaCode(() -> resource.commit(xid, false))).isEqualTo(XAException.XAER_PROTO);
        resource.prepare(xid);
        assertThat(xaCode(() -> resource.commit(xid, true))).isEqualTo(XAException.XAER_PROTO);
        resource.rollback(xid);
    }

    @Test
    void aBranchEndedWithFailureRollsBackAtPrepare() throws Exception {
        Xid xid = TestXid.fresh();
        resource.start(xid, XAResource.TMNOFLAGS);
        sendTexts(xaSession, queue, "doomed");
        resource.end(xid, XAResource.TMFAIL);
        assertThat(xaCode(() -> resource.prepare(xid))).isEqualTo(XAException.XA_RBROLLBACK);
        assertNoMessage(plain.createConsumer(queue));
    }

    @Test
    void insideAGlobalTransactionRecoverIsRefused() throws Exception {
        Xid xid = TestXid.fresh();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertIllegalState(xaSession::recover);
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);
        xaSession.recover();
    }

    @Test
    void transactionTimeoutsAreNotSupported() throws Exception {
        assertThat(resource.setTransactionTimeout(30)).isFalse();
        assertThat(resource.getTransactionTimeout()).isZero();
    }

    // ---- XAJMSContext

    @Test
    void anXaContextWorksInABranchAndRefusesLocalCommit() throws Exception {
        try (XAJMSContext context = factory().createXAContext()) {
            assertThat(context.getTransacted()).isTrue();
            assertThat(context.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
            assertThat(context.getContext()).isSameAs(context);
            assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
            assertThatThrownBy(context::rollback).isInstanceOf(TransactionInProgressRuntimeException.class);

            Xid xid = TestXid.fresh();
            XAResource contextResource = context.getXAResource();
            MessageConsumer consumer = plain.createConsumer(queue);
            contextResource.start(xid, XAResource.TMNOFLAGS);
            context.createProducer().send(queue, "from context");
            contextResource.end(xid, XAResource.TMSUCCESS);
            assertNoMessage(consumer);
            contextResource.commit(xid, true);
            assertThat(receiveText(consumer)).isEqualTo("from context");
        }
    }

    @Test
    void plainSessionsOfAnXaConnectionAreOrdinary() throws Exception {
        Session ordinary = xaConnection.createSession(Session.SESSION_TRANSACTED);
        assertThat(ordinary).isNotInstanceOf(XASession.class);
        MessageProducer producer = ordinary.createProducer(queue);
        producer.send(ordinary.createTextMessage("local"));
        ordinary.commit();
        assertThat(receiveText(plain.createConsumer(queue))).isEqualTo("local");
        Connection unused = connection;
        assertThat(unused).isNotNull();
    }
}
