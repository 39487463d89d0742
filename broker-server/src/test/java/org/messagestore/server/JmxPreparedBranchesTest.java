package org.messagestore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.broker.jmx.BrokerControlMXBean;
import org.messagestore.broker.jmx.JmxNames;
import org.messagestore.broker.jmx.PreparedBranchInfo;

/** Settling an in-doubt XA branch by hand through the broker's MBean: a heuristic decision its transaction manager hears of. */
class JmxPreparedBranchesTest {

    private static final Xid XID = TestXid.SAMPLE;
    private static final String XID_TEXT = TestXid.SAMPLE_TEXT;

    @TempDir
    Path dataDir;

    private final MBeanServer mbeans = JmxServers.platform();
    private final ObjectName name = JmxNames.broker(JmxServers.NAME);
    private final BrokerControlMXBean broker = JMX.newMXBeanProxy(mbeans, name, BrokerControlMXBean.class);

    @Test
    void aPreparedBranchIsListedWithWhatItSends() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             XAConnection connection = xaConnection(server)) {
            prepareASend(connection, "ledger", "entry");

            assertThat(mbeans.getAttribute(name, "PreparedTransactions")).isEqualTo(1);
            var rows = (CompositeData[]) mbeans.invoke(name, "listPreparedBranches", null, null);
            assertThat(rows).hasSize(1);
            assertThat(rows[0].get("xid")).isEqualTo(XID_TEXT);
            assertThat(rows[0].get("state")).isEqualTo("PREPARED");
            assertThat(rows[0].get("destinations")).isEqualTo("queue://ledger");
            assertThat(rows[0].get("messagesSent")).isEqualTo(1);
            assertThat(rows[0].get("messagesAcknowledged")).isEqualTo(0);
            assertThat(rows[0].get("preparedAt")).isNotNull();
            assertThat((Long) rows[0].get("ageSeconds")).isNotNegative();
            assertThat(rows[0].get("decidedAt")).isNull();

            assertThat(broker.listPreparedBranches()).extracting(PreparedBranchInfo::getXid).containsExactly(XID_TEXT);
        }
    }

    @Test
    void committingByHandSendsTheMessageAndTheTransactionManagerHearsHeurcom() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             XAConnection connection = xaConnection(server)) {
            XAResource resource = prepareASend(connection, "ledger", "entry");

            PreparedBranchInfo decided = broker.commitPreparedBranch(XID_TEXT);

            assertThat(decided.getState()).isEqualTo("HEURISTICALLY_COMMITTED");
            assertThat(decided.getDecidedAt()).isNotNull();
            assertThat(broker.listPreparedBranches()).extracting(PreparedBranchInfo::getState)
                    .containsExactly("HEURISTICALLY_COMMITTED");
            assertThat(broker.getPreparedTransactions()).isZero();
            assertThat(broker.getHeuristicTransactions()).isOne();
            assertThat(JmsClient.receive(server.port(), "ledger")).isEqualTo("entry");

            assertThatThrownBy(() -> resource.commit(XID, false)).isInstanceOfSatisfying(XAException.class,
                    e -> assertThat(e.errorCode).isEqualTo(XAException.XA_HEURCOM));
            resource.forget(XID);
            assertThat(broker.listPreparedBranches()).isEmpty();
            assertThat(broker.getHeuristicTransactions()).isZero();
        }
    }

    @Test
    void rollingBackByHandDropsTheMessageAndTheTransactionManagerHearsHeurrb() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             XAConnection connection = xaConnection(server)) {
            XAResource resource = prepareASend(connection, "ledger", "entry");

            var decided = (CompositeData) mbeans.invoke(name, "rollbackPreparedBranch", new Object[] {XID_TEXT},
                    new String[] {String.class.getName()});

            assertThat(decided.get("state")).isEqualTo("HEURISTICALLY_ROLLED_BACK");
            assertThat(broker.getHeuristicTransactions()).isOne();
            assertThat(receiveWithin(server, "ledger", 500)).as("a rolled back send").isNull();
            assertThatThrownBy(() -> resource.rollback(XID)).isInstanceOfSatisfying(XAException.class,
                    e -> assertThat(e.errorCode).isEqualTo(XAException.XA_HEURRB));
        }
    }

    @Test
    void aBadXidTextIsRefusedWithAnErrorNamingIt() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            assertThatThrownBy(() -> broker.commitPreparedBranch("not-a-branch"))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'not-a-branch'")
                    .hasNoCause();
            // what a client without our classes meets: the JDK's exception inside the MBean server's
            assertThatThrownBy(() -> mbeans.invoke(name, "rollbackPreparedBranch", new Object[] {"99:zz:04"},
                    new String[] {String.class.getName()}))
                    .isInstanceOf(RuntimeMBeanException.class)
                    .cause().isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("99:zz:04");
        }
    }

    @Test
    void anUnknownBranchIsRefusedWithAnErrorNamingIt() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir)) {
            assertThatThrownBy(() -> broker.rollbackPreparedBranch(XID_TEXT))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(XID_TEXT)
                    .hasNoCause();
        }
    }

    @Test
    void aBranchSettledOnceCannotBeSettledAgain() throws Exception {
        try (MessageStoreServer server = JmxServers.start(dataDir);
             XAConnection connection = xaConnection(server)) {
            prepareASend(connection, "ledger", "entry");
            broker.rollbackPreparedBranch(XID_TEXT);

            assertThatThrownBy(() -> broker.commitPreparedBranch(XID_TEXT))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(XID_TEXT)
                    .hasMessageContaining("already completed heuristically");
        }
    }

    private static XAConnection xaConnection(MessageStoreServer server) throws Exception {
        return new MessageStoreConnectionFactory("tcp://127.0.0.1:" + server.port()).createXAConnection();
    }

    /** Sends {@code text} to {@code queue} in the branch {@link #XID} and prepares it, as a transaction manager would. */
    private static XAResource prepareASend(XAConnection connection, String queue, String text) throws Exception {
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        resource.start(XID, XAResource.TMNOFLAGS);
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        resource.end(XID, XAResource.TMSUCCESS);
        assertThat(resource.prepare(XID)).isEqualTo(XAResource.XA_OK);
        return resource;
    }

    private static String receiveWithin(MessageStoreServer server, String queue, long millis) throws Exception {
        try (Connection connection = JmsClient.connect(server.port())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            var message = (TextMessage) consumer.receive(millis);
            return message == null ? null : message.getText();
        }
    }
}
