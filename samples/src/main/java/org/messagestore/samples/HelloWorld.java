package org.messagestore.samples;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The smallest complete program: looks up a connection factory and a queue through JNDI (see
 * {@code jndi.properties} beside this class), which starts an embedded broker named "hello" in this
 * JVM, then sends a few messages and receives them back.
 *
 * <p>Run it with {@code mvn -q install -DskipTests && mvn -q -pl samples exec:java}.
 */
public final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) throws NamingException {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Queue queue = (Queue) jndi.lookup("greetings");
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;

        try (JMSContext context = factory.createContext()) {
            for (int i = 1; i <= count; i++) {
                context.createProducer().send(queue, "hello #" + i);
            }
            JMSConsumer consumer = context.createConsumer(queue);
            for (int i = 1; i <= count; i++) {
                System.out.println("received: " + consumer.receiveBody(String.class, 1000));
            }
        }
        jndi.close();
    }
}
