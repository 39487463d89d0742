package org.messagestore.samples;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * The smallest complete program: sends a few messages to a queue and receives them back.
 *
 * <p>With no argument it looks up its connection factory and queue through JNDI (see
 * {@code jndi.properties}), which starts an embedded broker named "hello" in this JVM. With a broker
 * URL as argument, e.g. {@code tcp://127.0.0.1:61616}, it talks to that broker instead.
 *
 * <p>Run it with {@code mvn -q install -DskipTests && mvn -q -pl samples exec:java}
 * (add {@code -Dexec.args=tcp://127.0.0.1:61616} for a standalone broker).
 */
public final class HelloWorld {

    private static final int COUNT = 3;

    private HelloWorld() {
    }

    public static void main(String[] args) throws NamingException {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = args.length > 0
                ? new MessageStoreConnectionFactory(args[0])
                : (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Queue queue = (Queue) jndi.lookup("greetings");

        try (JMSContext context = factory.createContext()) {
            for (int i = 1; i <= COUNT; i++) {
                context.createProducer().send(queue, "hello #" + i);
            }
            JMSConsumer consumer = context.createConsumer(queue);
            for (int i = 1; i <= COUNT; i++) {
                System.out.println("received: " + consumer.receiveBody(String.class, 1000));
            }
        }
        jndi.close();
    }
}
