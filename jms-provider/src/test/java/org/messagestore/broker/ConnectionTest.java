package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;

/** Client ids, authentication, and what a connection sees when the broker closes. */
class ConnectionTest {

    @Test
    void aClientIdCanBeHeldByOnlyOneOpenConnection() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture()) {
            BrokerConnection first = fixture.connect();
            BrokerConnection second = fixture.connect();
            first.setClientId("app");

            assertThatThrownBy(() -> second.setClientId("app"))
                    .isInstanceOf(InvalidClientIDException.class).hasMessageContaining("app");

            first.close();
            second.setClientId("app");
        }
    }

    @Test
    void twoBrokersKeepTheirClientIdsApart() throws Exception {
        try (BrokerFixture one = new BrokerFixture(); BrokerFixture two = new BrokerFixture()) {
            one.connect().setClientId("app");
            two.connect().setClientId("app");
        }
    }

    @Test
    void connectionIdsAreUnique() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture()) {
            assertThat(fixture.connect().connectionId()).isNotEqualTo(fixture.connect().connectionId());
        }
    }

    @Test
    void withoutConfiguredUsersAnyoneMayConnect() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture()) {
            fixture.broker.connect("whoever", "whatever", null).close();
            fixture.broker.connect(null, null, null).close();
        }
    }

    @Test
    void withConfiguredUsersOnlyCorrectCredentialsAreAccepted() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture(c -> c.withUsers(Map.of("alice", "secret")))) {
            fixture.broker.connect("alice", "secret", null).close();

            assertThatThrownBy(() -> fixture.broker.connect("alice", "wrong", null))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("alice");
            assertThatThrownBy(() -> fixture.broker.connect("mallory", "secret", null))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("mallory");
            assertThatThrownBy(() -> fixture.broker.connect(null, null, null))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("anonymous");
        }
    }

    @Test
    void anonymousConnectionsAreAcceptedWhenAllowed() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture(c -> c.withUsers(Map.of("alice", "secret")).withAllowAnonymous(true))) {
            fixture.broker.connect(null, null, null).close();
            assertThatThrownBy(() -> fixture.broker.connect("alice", "wrong", null)).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void closingTheBrokerFailsItsOpenConnections() throws Exception {
        List<JMSException> failures = new CopyOnWriteArrayList<>();
        BrokerFixture fixture = new BrokerFixture();
        BrokerConnection connection = fixture.broker.connect(null, null, failures::add);
        BrokerConnection closedEarlier = fixture.broker.connect(null, null, failures::add);
        closedEarlier.close();

        fixture.close();

        await().until(() -> failures.size() == 1);
        assertThat(failures.get(0)).hasMessageContaining(fixture.broker.name());
        assertThatThrownBy(() -> connection.createSession(1, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fixture.broker.connect(null, null, null)).isInstanceOf(JMSException.class);
    }

    @Test
    void closingAConnectionFreesItsClientIdOnlyOnce() throws Exception {
        try (BrokerFixture fixture = new BrokerFixture()) {
            BrokerConnection first = fixture.connect();
            first.setClientId("app");
            first.close();
            BrokerConnection second = fixture.connect();
            second.setClientId("app");
            first.close();

            assertThatThrownBy(() -> fixture.connect().setClientId("app")).isInstanceOf(InvalidClientIDException.class);
        }
    }
}
