package org.messagestore.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreConnectionFactory;

/** Looking up factories and destinations described by an InitialContext environment. No broker needed. */
class JndiEnvironmentTest {

    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void close() throws NamingException {
        for (Context context : contexts) {
            context.close();
        }
    }

    @Test
    void bindsFactoriesQueuesAndTopicsFromTheEnvironment() throws Exception {
        Context context = initialContext(
                "connectionFactory.OrdersFactory", "vm://jndi-env?clientId=orders",
                "queue.jms/orders", "orders",
                "topic.prices", "market.prices");

        Object factory = context.lookup("OrdersFactory");
        assertThat(factory).isInstanceOf(ConnectionFactory.class)
                .isInstanceOf(QueueConnectionFactory.class)
                .isInstanceOf(TopicConnectionFactory.class);
        assertThat(((MessageStoreConnectionFactory) factory).getUrl()).isEqualTo("vm://jndi-env?clientId=orders");
        assertThat(((Queue) context.lookup("jms/orders")).getQueueName()).isEqualTo("orders");
        assertThat(((Topic) context.lookup("prices")).getTopicName()).isEqualTo("market.prices");
        assertThat(context.lookup(new CompositeName("jms/orders"))).isEqualTo(context.lookup("jms/orders"));
    }

    @Test
    void valuesMayNameSystemPropertiesWithDefaults() throws Exception {
        String property = "messagestore.test.jndi.url." + System.nanoTime();
        System.setProperty(property, "vm://from-property");
        try {
            Context context = initialContext(
                    "connectionFactory.Set", "${" + property + "}?clientId=a",
                    "connectionFactory.Defaulted", "${" + property + ".missing:vm://fallback}",
                    "queue.q", "orders-${" + property + ".missing:eu}");

            assertThat(((MessageStoreConnectionFactory) context.lookup("Set")).getUrl())
                    .isEqualTo("vm://from-property?clientId=a");
            assertThat(((MessageStoreConnectionFactory) context.lookup("Defaulted")).getUrl()).isEqualTo("vm://fallback");
            assertThat(((Queue) context.lookup("q")).getQueueName()).isEqualTo("orders-eu");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void anUnsetSystemPropertyWithoutDefaultIsAConfigurationError() {
        assertThatThrownBy(() -> initialContext("queue.q", "${messagestore.test.never.set}"))
                .isInstanceOf(javax.naming.ConfigurationException.class)
                .hasMessageContaining("messagestore.test.never.set");
    }

    @Test
    void explicitFactoriesReplaceTheDefaultOne() throws Exception {
        Context context = initialContext("connectionFactory.Mine", "vm://jndi-env");

        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void withoutFactoryEntriesTheProviderUrlIsBoundAsConnectionFactory() throws Exception {
        Context context = initialContext(Context.PROVIDER_URL, "vm://jndi-provider-url");

        MessageStoreConnectionFactory factory = (MessageStoreConnectionFactory) context.lookup("ConnectionFactory");
        assertThat(factory.getUrl()).isEqualTo("vm://jndi-provider-url");
        assertThat(context.lookup("QueueConnectionFactory")).isSameAs(factory);
        assertThat(context.lookup("TopicConnectionFactory")).isSameAs(factory);
    }

    @Test
    void withoutAnyEntryTheDefaultFactoryUsesTheLocalVmBroker() throws Exception {
        Context context = initialContext();

        assertThat(((MessageStoreConnectionFactory) context.lookup("ConnectionFactory")).getUrl())
                .isEqualTo("vm://localhost");
    }

    @Test
    void dynamicNamesCreateDestinationsOnTheFly() throws Exception {
        Context context = initialContext();

        assertThat(((Queue) context.lookup("dynamicQueues/invoices")).getQueueName()).isEqualTo("invoices");
        assertThat(((Topic) context.lookup("dynamicTopics/a/b")).getTopicName()).isEqualTo("a/b");
        assertThatThrownBy(() -> context.lookup("dynamicQueues/")).isInstanceOf(NamingException.class);
    }

    @Test
    void unknownNamesThrowNameNotFoundExceptionNamingThem() throws Exception {
        Context context = initialContext("queue.known", "known");

        assertThatThrownBy(() -> context.lookup("missing"))
                .isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("'missing'")
                .hasMessageContaining("known");
    }

    @Test
    void theEmptyNameIsANewContextOverTheSameBindings() throws Exception {
        Context context = initialContext("queue.q", "q");

        Object root = context.lookup("");

        assertThat(root).isInstanceOf(Context.class);
        assertThat(((Queue) ((Context) root).lookup("q")).getQueueName()).isEqualTo("q");
    }

    @Test
    void listsTheBoundNames() throws Exception {
        Context context = initialContext("queue.q", "q", "topic.t", "t", "connectionFactory.cf", "vm://jndi-env");

        List<String> names = new ArrayList<>();
        NamingEnumeration<NameClassPair> pairs = context.list("");
        while (pairs.hasMore()) {
            names.add(pairs.next().getName());
        }
        List<Object> objects = new ArrayList<>();
        NamingEnumeration<Binding> bindings = context.listBindings("");
        while (bindings.hasMore()) {
            objects.add(bindings.next().getObject());
        }

        assertThat(names).containsExactly("cf", "q", "t");
        assertThat(objects).hasSize(3).hasOnlyElementsOfTypes(ConnectionFactory.class, Queue.class, Topic.class);
        assertThatThrownBy(() -> context.list("q")).isInstanceOf(NotContextException.class);
    }

    @Test
    void theEnvironmentIsReportedBack() throws Exception {
        Context context = initialContext("queue.q", "q");

        Hashtable<?, ?> environment = context.getEnvironment();

        assertThat(environment.get("queue.q")).isEqualTo("q");
        assertThat(environment.get(Context.INITIAL_CONTEXT_FACTORY))
                .isEqualTo(MessageStoreInitialContextFactory.class.getName());
    }

    @Test
    void theContextIsReadOnly() throws Exception {
        Context context = initialContext("queue.q", "q");
        Queue queue = (Queue) context.lookup("q");

        assertThatThrownBy(() -> context.bind("other", queue)).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.rebind("q", queue)).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.unbind("q")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.rename("q", "r")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.createSubcontext("sub")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.destroySubcontext("sub")).isInstanceOf(OperationNotSupportedException.class);
        assertThat(context.lookup("q")).isEqualTo(queue);
    }

    @Test
    void badEntriesFailWithConfigurationException() {
        assertThatThrownBy(() -> initialContext("queue.", "x")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> initialContext("queue.q", " ")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> initialContext("connectionFactory.cf", "not a url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connectionFactory.cf");
        assertThatThrownBy(() -> initialContext("queue.same", "a", "topic.same", "b"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("same");
    }

    private Context initialContext(String... keysAndValues) throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, MessageStoreInitialContextFactory.class.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Context context = new InitialContext(environment);
        contexts.add(context);
        return context;
    }
}
