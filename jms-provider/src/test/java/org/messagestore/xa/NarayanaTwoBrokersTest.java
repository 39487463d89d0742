package org.messagestore.xa;

import static org.assertj.core.api.Assertions.assertThat;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.store.memory.InMemoryStore;

/**
 * Narayana as the transaction manager over two brokers, i.e. two XA resource managers: "receive a
 * message from one broker, send one to the other" exactly once (DESIGN.md, "Who uses it"). Commit runs
 * the two-phase protocol on both brokers; a rollback-only transaction redelivers the received message
 * and sends nothing.
 */
class NarayanaTwoBrokersTest {

    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 200;

    @TempDir
    static Path objectStore;

    private final InMemoryStore storeA = new InMemoryStore();
    private final InMemoryStore storeB = new InMemoryStore();
    private Broker brokerA;
    private Broker brokerB;
    private XAConnection xaA;
    private XAConnection xaB;
    private Connection plainA;
    private Connection plainB;
    /** The transactional consumer of broker A; closed once the transaction is over, so it competes with no one. */
    private MessageConsumer requestConsumer;

    /** Narayana's log goes to a temporary directory, not the working directory (set before its first use). */
    @BeforeAll
    static void configureNarayana() {
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(objectStore.toString());
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore")
                .setObjectStoreDir(objectStore.toString());
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore")
                .setObjectStoreDir(objectStore.toString());
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier("messagestore-test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void startBrokers() throws Exception {
        String a = "narayana-a-" + UUID.randomUUID();
        String b = "narayana-b-" + UUID.randomUUID();
        brokerA = Broker.start(BrokerConfig.defaults(a).withStore(storeA));
        brokerB = Broker.start(BrokerConfig.defaults(b).withStore(storeB));
        MessageStoreConnectionFactory factoryA = new MessageStoreConnectionFactory("vm://" + a + "?create=false");
        MessageStoreConnectionFactory factoryB = new MessageStoreConnectionFactory("vm://" + b + "?create=false");
        xaA = factoryA.createXAConnection();
        xaB = factoryB.createXAConnection();
        plainA = factoryA.createConnection();
        plainB = factoryB.createConnection();
        xaA.start();
        plainA.start();
        plainB.start();
        Session session = plainA.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("requests")).send(session.createTextMessage("request"));
        session.close();
    }

    @AfterEach
    void stopBrokers() throws Exception {
        for (Connection c : new Connection[] {xaA, xaB, plainA, plainB}) {
            if (c != null) {
                c.close();
            }
        }
        brokerA.close();
        brokerB.close();
        storeA.close();
        storeB.close();
    }

    /** Inside a JTA transaction: receive the request from broker A, send a reply to broker B. */
    private RecordingXAResource[] receiveAndForward(TransactionManager tm) throws Exception {
        XASession sessionA = xaA.createXASession();
        XASession sessionB = xaB.createXASession();
        var resourceA = new RecordingXAResource(sessionA.getXAResource());
        var resourceB = new RecordingXAResource(sessionB.getXAResource());
        requestConsumer = sessionA.createConsumer(sessionA.createQueue("requests"));
        tm.begin();
        tm.getTransaction().enlistResource(resourceA);
        tm.getTransaction().enlistResource(resourceB);
        TextMessage request = (TextMessage) requestConsumer.receive(RECEIVE_MS);
        assertThat(request.getText()).isEqualTo("request");
        sessionB.createProducer(sessionB.createQueue("replies")).send(sessionB.createTextMessage("reply to " + request.getText()));
        return new RecordingXAResource[] {resourceA, resourceB};
    }

    @Test
    void aJtaTransactionOverTwoBrokersCommitsWithTwoPhases() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        RecordingXAResource[] resources = receiveAndForward(tm);
        assertThat(resources[0].isSameRM(resources[1])).as("two brokers are two resource managers").isFalse();
        tm.commit();
        requestConsumer.close();

        for (RecordingXAResource resource : resources) {
            assertThat(resource.calls).containsExactly("start", "end", "prepare", "commit");
        }
        Session b = plainB.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message reply = b.createConsumer(b.createQueue("replies")).receive(RECEIVE_MS);
        assertThat(((TextMessage) reply).getText()).isEqualTo("reply to request");
        Session a = plainA.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(a.createConsumer(a.createQueue("requests")).receive(ABSENT_MS)).isNull();
    }

    @Test
    void aRollbackOnlyJtaTransactionRedeliversAndSendsNothing() throws Exception {
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        RecordingXAResource[] resources = receiveAndForward(tm);
        tm.setRollbackOnly();
        tm.rollback();
        requestConsumer.close();

        for (RecordingXAResource resource : resources) {
            assertThat(resource.calls).containsExactly("start", "end", "rollback");
        }
        Session a = plainA.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = a.createQueue("requests");
        Message again = a.createConsumer(requests).receive(RECEIVE_MS);
        assertThat(((TextMessage) again).getText()).isEqualTo("request");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Session b = plainB.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(b.createConsumer(b.createQueue("replies")).receive(ABSENT_MS)).isNull();
    }
}
