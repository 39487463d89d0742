package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Messaging 3.1 §6.1.2 (Client identifier) and the Connection.setClientID javadoc: when a client id may
 * be set, uniqueness, and administratively configured ids.
 */
class ClientIdTest extends JmsTestSupport {

    @Test
    void clientIdIsNullUntilSet() throws Exception {
        assertThat(connection.getClientID()).isNull();
    }

    @Test
    void clientIdSetImmediatelyAfterCreationIsReturned() throws Exception {
        String id = uniqueName("client");
        connection.setClientID(id);
        assertThat(connection.getClientID()).isEqualTo(id);
    }

    @Test
    void clientIdSetFirstIsUsableForDurableSubscriptions() throws Exception {
        connection.setClientID(uniqueName("client"));
        Session session = connection.createSession();
        Topic topic = newTopic(session);
        String subscription = uniqueName("sub");
        MessageConsumer consumer = session.createDurableConsumer(topic, subscription);
        connection.start();
        sendTexts(session, topic, "m1");
        assertThat(receiveText(consumer)).isEqualTo("m1");
        consumer.close();
        session.unsubscribe(subscription);
    }

    @Test
    void settingClientIdAfterCreatingASessionThrowsIllegalStateException() throws Exception {
        connection.createSession();
        assertIllegalState(() -> connection.setClientID(uniqueName("client")));
        assertThat(connection.getClientID()).isNull();
    }

    @Test
    void settingClientIdAfterStartThrowsIllegalStateException() throws Exception {
        connection.start();
        assertIllegalState(() -> connection.setClientID(uniqueName("client")));
    }

    @Test
    void settingClientIdTwiceThrowsIllegalStateException() throws Exception {
        String id = uniqueName("client");
        connection.setClientID(id);

        assertIllegalState(() -> connection.setClientID(uniqueName("other")));
        assertIllegalState(() -> connection.setClientID(id));
        assertThat(connection.getClientID()).isEqualTo(id);
    }

    @Test
    void sameClientIdOnTwoLiveConnectionsThrowsInvalidClientIDException() throws Exception {
        String id = uniqueName("client");
        connection.setClientID(id);
        Connection second = newConnection();

        assertThrows(InvalidClientIDException.class, () -> second.setClientID(id));
    }

    @Test
    void clientIdIsFreedWhenItsConnectionCloses() throws Exception {
        String id = uniqueName("client");
        Connection first = newConnection();
        first.setClientID(id);
        first.close();

        Connection second = newConnection();
        second.setClientID(id);
        assertThat(second.getClientID()).isEqualTo(id);
    }

    @Test
    void administrativelyConfiguredClientIdIsReportedAndCannotBeChanged() throws Exception {
        String id = uniqueName("admin");
        Connection conn = newConnection("clientId=" + id);

        assertThat(conn.getClientID()).isEqualTo(id);
        // setClientID javadoc: changing an administratively configured id must throw IllegalStateException
        assertIllegalState(() -> conn.setClientID(uniqueName("other")));
        assertIllegalState(() -> conn.setClientID(id));
        assertThat(conn.getClientID()).isEqualTo(id);
    }

    @Test
    void administrativelyConfiguredClientIdSupportsDurableSubscriptions() throws Exception {
        Connection conn = newConnection("clientId=" + uniqueName("admin"));
        Session session = conn.createSession();
        Topic topic = newTopic(session);
        String subscription = uniqueName("sub");
        MessageConsumer consumer = session.createDurableConsumer(topic, subscription);
        consumer.close();
        session.unsubscribe(subscription);
    }

    @Test
    void nullClientIdThrowsInvalidClientIDException() {
        assertThrows(InvalidClientIDException.class, () -> connection.setClientID(null));
    }

    @Test
    void emptyClientIdThrowsInvalidClientIDException() {
        assertThrows(InvalidClientIDException.class, () -> connection.setClientID(""));
    }
}
