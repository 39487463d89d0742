package org.messagestore.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreConnectionFactory;

/** A properties file in the jndi.properties format drives the InitialContext. No broker needed. */
class JndiPropertiesFileTest {

    @Test
    void looksUpEveryObjectTheFileDescribes() throws Exception {
        Context context = new InitialContext(load("/jndi-test/messagestore-jndi.properties"));
        try {
            assertThat(((MessageStoreConnectionFactory) context.lookup("OrdersConnectionFactory")).getUrl())
                    .isEqualTo("vm://jndi-properties-file?clientId=orders-app");
            assertThat(context.lookup("jms/AuditConnectionFactory")).isInstanceOf(MessageStoreConnectionFactory.class);
            assertThat(((Queue) context.lookup("jms/orders")).getQueueName()).isEqualTo("orders");
            assertThat(((Topic) context.lookup("prices")).getTopicName()).isEqualTo("market.prices");
        } finally {
            context.close();
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = JndiPropertiesFileTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
