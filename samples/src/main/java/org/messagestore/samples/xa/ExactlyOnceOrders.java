package org.messagestore.samples.xa;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;
import org.messagestore.client.MessageStoreConnectionFactory;

/**
 * Runs the {@link OrderRecorder} workflow: Narayana standalone over MessageStore and an H2 database,
 * with recovery wired as a production setup needs it. Sends a few orders, records them exactly once,
 * prints what it did.
 *
 * <p>Run it with {@code mvn -q install -DskipTests && mvn -q -pl samples exec:java
 * -Dexec.mainClass=org.messagestore.samples.xa.ExactlyOnceOrders} (add
 * {@code -Dexec.args=tcp://127.0.0.1:61616} for a standalone broker). Narayana's log and the database go to
 * {@code ./xa-sample}, the embedded broker's store to {@code ./data}.
 */
public final class ExactlyOnceOrders {

    private static final int ORDERS = 5;

    private ExactlyOnceOrders() {
    }

    public static void main(String[] args) throws Exception {
        String brokerUrl = args.length > 0 ? args[0] : "vm://xa-sample";
        Path work = Path.of("xa-sample");

        // 1. Narayana: its log directory and node identifier stay the same across restarts.
        TransactionManager transactions = StandaloneNarayana.configure(work.resolve("narayana"), "orders-1");

        // 2. The two resource managers: MessageStore and the database.
        MessageStoreConnectionFactory broker = new MessageStoreConnectionFactory(brokerUrl);
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + work.resolve("orders").toAbsolutePath());
        OrderRecorder.createTable(database);

        // 3. Recovery finds both again after a crash; at start it completes what a crash left in doubt.
        RecoveryManager recovery = StandaloneNarayana.startRecovery(true,
                new JmsXAResourceRecoveryHelper(broker), new DatabaseRecoveryHelper(database));
        recovery.scan();

        sendOrders(broker);
        int recorded = 0;
        try (OrderRecorder recorder = new OrderRecorder(transactions, broker, database)) {
            while (recorder.recordNext(Duration.ofSeconds(1))) {
                recorded++;
            }
        } finally {
            recovery.terminate();
        }
        System.out.println("recorded " + recorded + " order(s) exactly once; confirmations are on queue '"
                + OrderRecorder.CONFIRMATIONS + "'");
    }

    private static void sendOrders(MessageStoreConnectionFactory factory) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(OrderRecorder.ORDERS));
            for (int i = 0; i < ORDERS; i++) {
                TextMessage order = session.createTextMessage("2 x coffee beans");
                order.setStringProperty(OrderRecorder.ORDER_ID, UUID.randomUUID().toString());
                producer.send(order);
            }
        }
    }
}
