package org.messagestore.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MDBs fed by the embedded broker: a queue, a durable topic subscription, and redelivery to the dead-letter queue. */
@ExtendWith(ArquillianExtension.class)
class MessageDrivenBeansIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(name = "adapter", order = 1, testable = false)
    static ResourceAdapterArchive adapter() {
        return Deployments.adapter();
    }

    @Deployment(name = "mdbs", order = 2)
    static WebArchive application() {
        return Deployments.application("mdbs", OrderMdb.class, PriceWatchMdb.class, PoisonMdb.class);
    }




    private ConnectionFactory factory;
    private Queue orders;
    private Topic prices;

    @BeforeEach
    void lookUp() throws Exception {
        factory = Deployments.lookup("java:/jms/messagestore/ConnectionFactory");
        orders = Deployments.lookup("java:/jms/queue/orders");
        prices = Deployments.lookup("java:/jms/topic/prices");
    }

    @Test
    @OperateOnDeployment("mdbs")
    void anMdbConsumesAQueue() throws Exception {
        try (JMSContext context = factory.createContext()) {
            for (int i = 0; i < 5; i++) {
                context.createProducer().send(orders, "order-" + i);
            }
        }
        List<String> received = Journal.await("orders", 5, WAIT);
        assertEquals(List.of("order-0", "order-1", "order-2", "order-3", "order-4"), received.stream().sorted().toList());
    }

    /** jconsole and the server's console see the embedded broker's MBeans, as the standalone server's. */
    @Test
    @OperateOnDeployment("mdbs")
    void theEmbeddedBrokerShowsItsMBeansOnThePlatformMBeanServer() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName broker = new ObjectName("org.messagestore:type=Broker,name=messagestore");
        assertTrue(mbeans.isRegistered(broker), "the broker MBean is registered");
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue("audit"), "kept for the MBean");
        }
        ObjectName audit = new ObjectName("org.messagestore:type=Queue,broker=messagestore,name=audit");
        awaitRegistered(mbeans, audit); // the MBeans follow new queues within their 2 s refresh
        assertEquals(1L, mbeans.getAttribute(audit, "Depth"));
        assertEquals(1L, mbeans.invoke(audit, "purge", new Object[] {null}, new String[] {String.class.getName()}));
        assertEquals(0L, mbeans.getAttribute(audit, "Depth"));
    }

    /**
     * Waits for {@code name} to be registered, hearing the MBean server's registration notifications
     * (Awaitility is not deployed with the test); fails after WAIT.
     */
    private static void awaitRegistered(MBeanServer mbeans, ObjectName name) throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification event
                    && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(event.getType())
                    && name.equals(event.getMBeanName())) {
                registered.countDown();
            }
        };
        mbeans.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try {
            if (!mbeans.isRegistered(name) && !registered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " was not registered within " + WAIT);
            }
        } finally {
            mbeans.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
        }
    }

    @Test
    @OperateOnDeployment("mdbs")
    void anMdbHoldsADurableTopicSubscriptionWithASelector() throws Exception {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setProperty("symbol", "OTHER").send(prices, "other 1.00");
            context.createProducer().setProperty("symbol", "ACME").send(prices, "acme 12.50");
        }
        assertEquals(List.of("acme 12.50"), Journal.await("prices", 1, WAIT));
    }

    @Test
    @OperateOnDeployment("mdbs")
    void aRolledBackDeliveryIsRedeliveredThenDeadLettered() throws Exception {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue("poison"), "poison pill");
        }
        // JMSRedelivered / JMSXDeliveryCount of each delivery; the server's broker allows 3
        assertEquals(List.of("false/1", "true/2", "true/3"), Journal.await("poison", 3, WAIT));
        try (JMSContext context = factory.createContext()) {
            Message dead = context.createConsumer(context.createQueue("DLQ")).receive(WAIT.toMillis());
            assertNotNull(dead, "the message is in the dead-letter queue");
            assertEquals("poison pill", dead.getBody(String.class));
        }
        assertEquals(3, Journal.entries("poison").size(), "no delivery after the dead-lettering");
    }
}
