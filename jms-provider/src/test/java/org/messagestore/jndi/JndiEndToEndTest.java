package org.messagestore.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.Hashtable;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Objects looked up in JNDI work against a real in-VM broker. */
class JndiEndToEndTest {

    private static final long RECEIVE_TIMEOUT = 5_000;

    private Context jndi;

    @BeforeEach
    void open() throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, MessageStoreInitialContextFactory.class.getName());
        environment.put(Context.PROVIDER_URL, "vm://jndi-end-to-end-" + UUID.randomUUID().toString().substring(0, 8));
        environment.put("queue.jms/orders", "orders");
        environment.put("topic.jms/prices", "prices");
        jndi = new InitialContext(environment);
    }

    @AfterEach
    void close() throws NamingException {
        jndi.close();
    }

    @Test
    void sendsAndReceivesWithLookedUpFactoryAndQueue() throws NamingException {
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Queue queue = (Queue) jndi.lookup("jms/orders");

        try (JMSContext context = factory.createContext()) {
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().send(queue, "order 1");

            assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("order 1");
        }
    }

    @Test
    void classicApiWorksWithLookedUpTopicAndDynamicQueue() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Topic topic = (Topic) jndi.lookup("jms/prices");
        Queue dynamic = (Queue) jndi.lookup("dynamicQueues/end-to-end-dynamic");

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createConsumer(topic);
            MessageConsumer receiver = session.createConsumer(dynamic);
            connection.start();

            session.createProducer(topic).send(session.createTextMessage("price"));
            session.createProducer(dynamic).send(session.createTextMessage("dynamic"));

            assertThat(((TextMessage) subscriber.receive(RECEIVE_TIMEOUT)).getText()).isEqualTo("price");
            assertThat(((TextMessage) receiver.receive(RECEIVE_TIMEOUT)).getText()).isEqualTo("dynamic");
        }
    }
}
