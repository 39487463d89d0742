package org.messagestore.ra.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.LocalTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.ra.MessageStoreResourceAdapter;

/**
 * A pooled connection driven the way a server drives it: its XAResource or its container-managed
 * local transaction around the application's work, then {@code cleanup} for the next user.
 */
class ManagedConnectionTransactionsTest {

    @TempDir
    Path dataDir;

    private MessageStoreResourceAdapter adapter;
    private MessageStoreManagedConnectionFactory factory;
    private MessageStoreManagedConnection pooled;

    @BeforeEach
    void start() throws Exception {
        adapter = new MessageStoreResourceAdapter();
        adapter.setBrokerName("managed-" + System.nanoTime());
        adapter.setDataDir(dataDir.toString());
        adapter.start(null);
        factory = new MessageStoreManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        pooled = (MessageStoreManagedConnection) factory.createManagedConnection(null, null);
    }

    @AfterEach
    void stop() throws Exception {
        pooled.destroy();
        adapter.stop();
    }

    @Test
    void workInsideAnXaBranchIsVisibleOnlyAfterItCommits() throws Exception {
        XAResource resource = pooled.getXAResource();
        Xid xid = new TestXid(1);
        resource.start(xid, XAResource.TMNOFLAGS);
        Connection handle = (Connection) pooled.getConnection(null, null);
        Session session = handle.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        assertThat(session.getTransacted()).as("the arguments are ignored in a transaction").isTrue();
        session.createProducer(session.createQueue("xa-work")).send(session.createTextMessage("in a branch"));
        assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
        handle.close();
        resource.end(xid, XAResource.TMSUCCESS);

        assertThat(receive("xa-work", 200)).as("not before the commit").isNull();
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.commit(xid, false);
        assertThat(receive("xa-work", 5_000)).isEqualTo("in a branch");
        pooled.cleanup();
    }

    @Test
    void aContainerManagedLocalTransactionCommitsOrRollsBack() throws Exception {
        LocalTransaction local = pooled.getLocalTransaction();
        local.begin();
        Connection handle = (Connection) pooled.getConnection(null, null);
        Session session = handle.createSession();
        session.createProducer(session.createQueue("local-work")).send(session.createTextMessage("rolled back"));
        handle.close();
        local.rollback();
        pooled.cleanup();

        local.begin();
        handle = (Connection) pooled.getConnection(null, null);
        session = handle.createSession();
        assertThat(session.getTransacted()).isTrue();
        session.createProducer(session.createQueue("local-work")).send(session.createTextMessage("committed"));
        handle.close();
        assertThat(receive("local-work", 200)).as("not before the commit").isNull();
        local.commit();
        assertThat(receive("local-work", 5_000)).isEqualTo("committed");
        assertThat(receive("local-work", 200)).as("the rolled back one never arrives").isNull();
    }

    @Test
    void cleanupInvalidatesTheHandlesOfThePreviousUser() throws Exception {
        Connection handle = (Connection) pooled.getConnection(null, null);
        Session session = handle.createSession();
        pooled.cleanup();
        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(handle::createSession).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    private String receive(String queue, long timeoutMillis) {
        try (JMSContext context = adapter.connectionFactory().createContext()) {
            return context.createConsumer(context.createQueue(queue)).receiveBody(String.class, timeoutMillis);
        }
    }

    private record TestXid(int id) implements Xid {
        @Override
        public int getFormatId() {
            return 4711;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ("gtrid-" + id).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier() {
            return ("bqual-" + id).getBytes(StandardCharsets.UTF_8);
        }
    }
}
