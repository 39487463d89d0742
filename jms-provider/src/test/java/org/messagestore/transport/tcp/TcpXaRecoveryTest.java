package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.memory.InMemoryStore;

/**
 * XA over TCP across a broker restart: the XA frames of protocol version 2 carry prepare, recover and
 * commit, and XA error codes reach the client unchanged (XaFailure frames).
 */
class TcpXaRecoveryTest {

    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 200;

    private final InMemoryStore store = new InMemoryStore();
    private final String name = "tcp-xa-" + UUID.randomUUID();
    private final Xid xid = new TestXid(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    private Broker broker;
    private TcpAcceptor acceptor;

    record TestXid(byte[] gtrid) implements Xid {
        @Override
        public int getFormatId() {
            return 5;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {3, 4};
        }
    }

    private MessageStoreConnectionFactory start() throws Exception {
        broker = Broker.start(BrokerConfig.defaults(name).withStore(store));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
        return new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
    }

    private void stop() {
        if (acceptor != null) {
            acceptor.close();
            acceptor = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @AfterEach
    void tearDown() {
        stop();
        store.close();
    }

    @Test
    void aBranchPreparedOverTcpIsRecoveredAndCommittedAfterARestart() throws Exception {
        MessageStoreConnectionFactory factory = start();
        try (Connection plain = factory.createConnection()) {
            Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("inbox")).send(session.createTextMessage("request"));
        }
        try (XAConnection connection = factory.createXAConnection()) {
            connection.start();
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
            resource.start(xid, XAResource.TMNOFLAGS);
            assertThat(((TextMessage) consumer.receive(RECEIVE_MS)).getText()).isEqualTo("request");
            session.createProducer(session.createQueue("outbox")).send(session.createTextMessage("reply"));
            resource.end(xid, XAResource.TMSUCCESS);
            assertThat(catchThrowableOfType(() -> resource.commit(xid, false), XAException.class).errorCode)
                    .as("two-phase commit of an unprepared branch").isEqualTo(XAException.XAER_PROTO);
            assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        }
        stop();

        factory = start();
        try (XAConnection connection = factory.createXAConnection(); Connection plain = factory.createConnection()) {
            plain.start();
            Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer inbox = session.createConsumer(session.createQueue("inbox"));
            MessageConsumer outbox = session.createConsumer(session.createQueue("outbox"));
            assertThat(outbox.receive(ABSENT_MS)).isNull();

            XAResource resource = connection.createXASession().getXAResource();
            Xid[] inDoubt = resource.recover(XAResource.TMSTARTRSCAN);
            assertThat(inDoubt).hasSize(1);
            assertThat(inDoubt[0].getFormatId()).isEqualTo(5);
            assertThat(inDoubt[0].getGlobalTransactionId()).isEqualTo(xid.getGlobalTransactionId());
            assertThat(resource.recover(XAResource.TMENDRSCAN)).isEmpty();
            resource.commit(inDoubt[0], false);

            Message reply = outbox.receive(RECEIVE_MS);
            assertThat(((TextMessage) reply).getText()).isEqualTo("reply");
            assertThat(inbox.receive(ABSENT_MS)).isNull();
            assertThat(catchThrowableOfType(() -> resource.rollback(xid), XAException.class).errorCode)
                    .isEqualTo(XAException.XAER_NOTA);
        }
        assertThat(store.recover().prepared()).isEmpty();
    }
}
