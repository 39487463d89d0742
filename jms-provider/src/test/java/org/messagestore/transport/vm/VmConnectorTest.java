package org.messagestore.transport.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.messagestore.broker.Broker;
import org.messagestore.broker.BrokerConfig;
import org.messagestore.broker.RunningBrokers;
import org.messagestore.client.Connectors;
import org.messagestore.model.BrokerConnection;
import org.messagestore.store.memory.InMemoryStore;
import org.messagestore.transport.BrokerAddress;

/** {@code vm://} finds a broker of this JVM by name, or starts an embedded one. */
class VmConnectorTest {

    private static String uniqueName() {
        return "vm-test-" + UUID.randomUUID();
    }

    @Test
    void connectsToTheRunningBrokerOfThatName() throws Exception {
        String name = uniqueName();
        try (InMemoryStore store = new InMemoryStore();
             Broker broker = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
            BrokerConnection connection = Connectors.forAddress(BrokerAddress.parse("vm://" + name + "?create=false"))
                    .connect(null, null, null);

            assertThat(connection.connectionId()).startsWith(name);
            assertThat(RunningBrokers.find(name)).isSameAs(broker);
            connection.close();
        }
        assertThat(RunningBrokers.find(name)).as("a closed broker unregisters").isNull();
    }

    @Test
    void createFalseWithoutARunningBrokerFails() {
        String name = uniqueName();

        assertThatThrownBy(() -> new VmConnector(BrokerAddress.parse("vm://" + name + "?create=false")).connect(null, null, null))
                .isInstanceOf(JMSException.class)
                .hasMessage("no broker named '" + name + "' is running in this JVM and create=false");
    }

    @Test
    void startsAnEmbeddedBrokerWhenNoneIsRunningAndSharesIt() throws Exception {
        String name = uniqueName();
        VmConnector connector = new VmConnector(BrokerAddress.parse("vm://" + name));

        BrokerConnection first = connector.connect(null, null, null);
        BrokerConnection second = new VmConnector(BrokerAddress.parse("vm://" + name + "?create=false")).connect(null, null, null);

        Broker embedded = RunningBrokers.find(name);
        assertThat(embedded).isNotNull();
        assertThat(first.connectionId()).isNotEqualTo(second.connectionId());
        embedded.close();
    }

    @Test
    void aSecondBrokerWithARunningBrokersNameIsRefused() throws Exception {
        String name = uniqueName();
        try (InMemoryStore store = new InMemoryStore();
             Broker ignored = Broker.start(BrokerConfig.defaults(name).withStore(store))) {
            assertThatThrownBy(() -> Broker.start(BrokerConfig.defaults(name).withStore(new InMemoryStore())))
                    .isInstanceOf(JMSException.class).hasMessageContaining(name);
        }
    }
}
