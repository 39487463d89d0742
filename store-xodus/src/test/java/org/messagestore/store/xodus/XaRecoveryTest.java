package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.PreparedTransaction;

/**
 * XA recovery on the Xodus store (DESIGN.md, Decisions, XA): a branch that received a request and sent
 * a reply is prepared, the broker and the store are closed and reopened from disk, and the transaction
 * manager's recover finds the branch through the XAResource; commit makes the reply visible and the
 * request gone, rollback brings the request back as redelivered.
 */
class XaRecoveryTest {

    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 200;

    @TempDir
    Path dir;

    private final String name = "xa-" + UUID.randomUUID();
    private final Xid xid = new SimpleXid(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));

    record SimpleXid(byte[] gtrid) implements Xid {
        @Override
        public int getFormatId() {
            return 99;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {2};
        }
    }

    private MessageStoreConnectionFactory factory() {
        return new MessageStoreConnectionFactory("vm://" + name + "?create=false");
    }

    private Broker start(XodusMessageStore store) throws Exception {
        return Broker.start(BrokerConfig.defaults(name).withStore(store));
    }

    private void prepareReceiveAndSend() throws Exception {
        try (XodusMessageStore store = StoreTesting.open(dir); Broker broker = start(store)) {
            try (Connection plain = factory().createConnection()) {
                Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("inbox")).send(session.createTextMessage("request"));
            }
            try (XAConnection connection = factory().createXAConnection()) {
                connection.start();
                XASession session = connection.createXASession();
                XAResource resource = session.getXAResource();
                MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
                resource.start(xid, XAResource.TMNOFLAGS);
                assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("request");
                session.createProducer(session.createQueue("outbox")).send(session.createTextMessage("reply"));
                resource.end(xid, XAResource.TMSUCCESS);
                assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
            }
            // The broker stops with the branch in doubt, as in a crash between the two phases.
        }
    }

    /** Recovers the in-doubt Xid through the XAResource of a fresh connection, and commits or rolls it back. */
    private void resolveAfterRestart(boolean commit) throws Exception {
        try (XAConnection connection = factory().createXAConnection()) {
            XAResource resource = connection.createXASession().getXAResource();
            Xid[] inDoubt = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertThat(inDoubt).hasSize(1);
            assertThat(inDoubt[0].getGlobalTransactionId()).isEqualTo(xid.getGlobalTransactionId());
            assertThat(inDoubt[0].getBranchQualifier()).isEqualTo(xid.getBranchQualifier());
            if (commit) {
                resource.commit(inDoubt[0], false);
            } else {
                resource.rollback(inDoubt[0]);
            }
            assertThat(resource.recover(XAResource.TMSTARTRSCAN)).isEmpty();
        }
    }

    @Test
    void aPreparedBranchSurvivesARestartAndCommits() throws Exception {
        prepareReceiveAndSend();
        try (XodusMessageStore store = StoreTesting.open(dir); Broker broker = start(store)) {
            assertThat(broker.inDoubtTransactions()).extracting(PreparedTransaction::xid).hasSize(1);
            try (Connection plain = factory().createConnection()) {
                plain.start();
                Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer inbox = session.createConsumer(session.createQueue("inbox"));
                MessageConsumer outbox = session.createConsumer(session.createQueue("outbox"));
                assertThat(inbox.receive(ABSENT_MS)).as("the request stays locked while in doubt").isNull();
                assertThat(outbox.receive(ABSENT_MS)).as("the reply is invisible before commit").isNull();

                resolveAfterRestart(true);

                assertThat(((TextMessage) outbox.receive(RECEIVE_MS)).getText()).isEqualTo("reply");
                assertThat(inbox.receive(ABSENT_MS)).isNull();
            }
            assertThat(broker.inDoubtTransactions()).isEmpty();
        }
        try (XodusMessageStore store = StoreTesting.open(dir)) {
            assertThat(store.recover().prepared()).isEmpty();
            assertThat(store.storedMessageCount()).as("request and reply both acknowledged or consumed").isZero();
        }
    }

    @Test
    void aPreparedBranchSurvivesARestartAndRollsBack() throws Exception {
        prepareReceiveAndSend();
        try (XodusMessageStore store = StoreTesting.open(dir); Broker broker = start(store)) {
            resolveAfterRestart(false);
            try (Connection plain = factory().createConnection()) {
                plain.start();
                Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue inbox = session.createQueue("inbox");
                Message request = session.createConsumer(inbox).receive(RECEIVE_MS);
                assertThat(((TextMessage) request).getText()).isEqualTo("request");
                assertThat(request.getJMSRedelivered()).isTrue();
                assertThat(request.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
                assertThat(session.createConsumer(session.createQueue("outbox")).receive(ABSENT_MS)).isNull();
            }
        }
        try (XodusMessageStore store = StoreTesting.open(dir)) {
            assertThat(store.recover().prepared()).isEmpty();
        }
    }
}
