package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreConnectionFactory;

/** The README's first example, verbatim apart from the broker name: it must run and print "hello". */
class EmbeddedExampleTest {

    @Test
    void readmeExampleSendsAndReceivesHello() throws Exception {
        String brokerUrl = "vm://EmbeddedExampleTest-" + UUID.randomUUID().toString().substring(0, 8);
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // ---- README example (broker name changed) ----
            ConnectionFactory factory = new MessageStoreConnectionFactory(brokerUrl);
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession();
                Queue queue = session.createQueue("orders");
                session.createProducer(queue).send(session.createTextMessage("hello"));
                connection.start();
                TextMessage received = (TextMessage) session.createConsumer(queue).receive(1000);
                System.out.println(received.getText());
            }
            // ---- end of example ----
        } finally {
            System.setOut(originalOut);
        }
        originalOut.print(captured.toString(StandardCharsets.UTF_8));
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).contains("hello");
    }
}
