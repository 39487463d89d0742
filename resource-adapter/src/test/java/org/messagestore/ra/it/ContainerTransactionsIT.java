package org.messagestore.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sending from EJBs in container-managed transactions, XA with a database, and the container's API rules. */
@ExtendWith(ArquillianExtension.class)
class ContainerTransactionsIT {

    private static final long WAIT_MILLIS = 10_000;
    /** How long "nothing arrives" is given to prove itself. */
    private static final long NOTHING_MILLIS = 500;

    @Deployment(name = "adapter", order = 1, testable = false)
    static ResourceAdapterArchive adapter() {
        return Deployments.adapter();
    }

    @Deployment(name = "transactions", order = 2)
    static WebArchive application() {
        return Deployments.application("transactions", Sender.class, OrderBook.class, DefinedResources.class);
    }


    private ConnectionFactory factory;

    @BeforeEach
    void lookUp() throws Exception {
        factory = Deployments.lookup("java:/jms/messagestore/ConnectionFactory");
    }

    @Test
    @OperateOnDeployment("transactions")
    void aSendCommitsWithTheContainersTransaction() throws Exception {
        List<String> seen = Deployments.bean(Sender.class).send("cmt-commit", "committed", false);
        assertEquals(List.of("transacted=true", "mode=" + Session.SESSION_TRANSACTED, "commit refused", "recover refused"), seen);
        assertEquals("committed", receive("cmt-commit", WAIT_MILLIS));
    }

    @Test
    @OperateOnDeployment("transactions")
    void aSendRolledBackWithTheContainersTransactionIsNeverDelivered() throws Exception {
        Deployments.bean(Sender.class).send("cmt-rollback", "rolled back", true);
        assertNull(receive("cmt-rollback", NOTHING_MILLIS));
    }

    @Test
    @OperateOnDeployment("transactions")
    void oneXaTransactionCommitsTheRowAndTheMessageOrNeither() throws Exception {
        OrderBook book = Deployments.bean(OrderBook.class);
        book.createTable();
        book.book("A-1", false);
        assertTrue(book.hasRow("A-1"));
        assertEquals("A-1", receive("booked", WAIT_MILLIS));

        assertThrows(EJBException.class, () -> book.book("B-2", true));
        assertFalse(book.hasRow("B-2"));
        assertNull(receive("booked", NOTHING_MILLIS));
    }

    @Test
    @OperateOnDeployment("transactions")
    void theDefaultJmsConnectionFactoryIsMessageStore() throws Exception {
        Object defaultFactory = new InitialContext().lookup("java:comp/DefaultJMSConnectionFactory");
        assertEquals("org.messagestore.ra.outbound.PooledConnectionFactory", defaultFactory.getClass().getName());
        try (JMSContext context = ((ConnectionFactory) defaultFactory).createContext()) {
            context.createProducer().send(context.createQueue("default-factory"), "through the default");
        }
        assertEquals("through the default", receive("default-factory", WAIT_MILLIS));
    }

    @Test
    @OperateOnDeployment("transactions")
    void applicationDefinedFactoriesAndQueuesUseTheAdapter() throws Exception {
        DefinedResources defined = Deployments.bean(DefinedResources.class);
        assertEquals("org.messagestore.ra.outbound.PooledConnectionFactory", defined.factoryClass());
        assertEquals("defined", defined.queueName());
        defined.send("defined by the application");
        assertEquals("defined by the application", receive("defined", WAIT_MILLIS));
    }

    @Test
    @OperateOnDeployment("transactions")
    void methodsTheContainerForbidsThrowIllegalState() throws Exception {
        try (Connection connection = factory.createConnection()) {
            assertThrows(IllegalStateException.class, () -> connection.setClientID("mine"));
            assertThrows(IllegalStateException.class, () -> connection.setExceptionListener(e -> { }));
            assertThrows(IllegalStateException.class, connection::stop);
            Queue queue;
            Session session = connection.createSession();
            queue = session.createQueue("forbidden");
            assertThrows(IllegalStateException.class, () -> connection.createConnectionConsumer(queue, null, null, 1));
            assertThrows(IllegalStateException.class, () -> session.setMessageListener(m -> { }));
            MessageConsumer consumer = session.createConsumer(queue);
            assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(IllegalStateException.class, connection::createSession, "one session per connection");
        }
        try (JMSContext context = factory.createContext()) {
            assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("mine"));
            assertThrows(IllegalStateRuntimeException.class, context::stop);
            assertThrows(IllegalStateRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            assertThrows(IllegalStateRuntimeException.class,
                    () -> context.createConsumer(context.createQueue("forbidden")).setMessageListener(m -> { }));
        }
    }

    @Test
    @OperateOnDeployment("transactions")
    void aClosedConnectionGoesBackToThePoolClean() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                session.createProducer(session.createQueue("pool-reuse")).send(session.createTextMessage("round " + round));
                connection.start();
                Message got = session.createConsumer(session.createQueue("pool-reuse")).receive(WAIT_MILLIS);
                assertNotNull(got);
                got.acknowledge();
            }
        }
        assertNull(receive("pool-reuse", NOTHING_MILLIS), "every message was acknowledged");
    }

    private String receive(String queue, long timeoutMillis) throws JMSException {
        try (JMSContext context = factory.createContext()) {
            return context.createConsumer(context.createQueue(queue)).receiveBody(String.class, timeoutMillis);
        }
    }
}
