package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Messaging 3.1 chapter 6.1 (Connection): start/stop, close, metadata, exception listener, and the
 * rule that closed objects throw IllegalStateException.
 */
class ConnectionTest extends JmsTestSupport {

    /** 6.1.4: a stopped connection receives nothing, so its consumers must not take queue messages away. */
    @Test
    void consumerOfAStoppedConnectionLeavesQueueMessagesToOthers() throws Exception {
        Session idle = connection.createSession();
        Queue queue = newQueue(idle);
        idle.createConsumer(queue);
        Connection active = newConnection();
        Session session = active.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        active.start();

        sendTexts(session, queue, "m1", "m2", "m3");

        assertThat(receiveTexts(consumer, 3)).containsExactly("m1", "m2", "m3");
    }

    @Test
    void messagesAreNotDeliveredUntilTheConnectionIsStarted() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);

        assertNoMessage(consumer);
        assertThat(consumer.receiveNoWait()).isNull();

        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("m1");
    }

    @Test
    void stoppedConnectionDeliversNothingAndResumesOnStart() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        connection.stop();

        // §6.1.5: stopping a connection has no effect on its ability to send
        sendTexts(session, queue, "m1");
        // receive timers keep running while stopped, so the receive times out with null
        assertNoMessage(consumer);
        assertThat(consumer.receiveNoWait()).isNull();

        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("m1");
    }

    @Test
    void stoppedConnectionDoesNotCallListenersUntilRestarted() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CountDownLatch delivered = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> delivered.countDown());
        connection.start();
        connection.stop();

        Session sender = newConnection().createSession();
        sendTexts(sender, queue, "m1");
        assertThat(delivered.await(NO_MESSAGE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .as("listener must not be called while the connection is stopped").isFalse();

        connection.start();
        assertThat(delivered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void receiveWithTimeoutReturnsNullAfterTheTimeoutWhenNothingArrives() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        connection.start();

        long start = System.nanoTime();
        Message message = consumer.receive(300);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(message).isNull();
        assertThat(elapsedMs).as("receive(300) must wait for its timeout").isGreaterThanOrEqualTo(250);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void startAndStopAreIgnoredWhenAlreadyInThatState() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        connection.start();
        connection.stop();
        connection.stop();
        connection.start();

        sendTexts(session, queue, "m1");
        assertThat(receiveText(consumer)).isEqualTo("m1");
    }

    @Test
    void closeIsIdempotentOnEveryObject() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        producer.close();
        producer.close();
        consumer.close();
        consumer.close();
        session.close();
        session.close();
        conn.close();
        conn.close();
    }

    @Test
    void closingAConnectionMakesItsObjectsThrowIllegalStateExceptionButNotOnClose() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        Message message = session.createTextMessage("x");
        conn.close();

        // §6.1.8: once a connection is closed, using it or its sessions, producers and consumers must throw
        // IllegalStateException; close on them must be ignored.
        assertIllegalState(() -> conn.createSession());
        assertIllegalState(() -> conn.createSession(false, Session.AUTO_ACKNOWLEDGE));
        assertIllegalState(() -> conn.createSession(Session.AUTO_ACKNOWLEDGE));
        assertIllegalState(conn::start);
        assertIllegalState(conn::stop);
        assertIllegalState(conn::getClientID);
        assertIllegalState(() -> conn.setClientID("late"));
        assertIllegalState(conn::getMetaData);
        assertIllegalState(conn::getExceptionListener);
        assertIllegalState(() -> conn.setExceptionListener(e -> { }));

        assertIllegalState(() -> session.createProducer(queue));
        assertIllegalState(() -> session.createConsumer(queue));
        assertIllegalState(() -> session.createTextMessage());

        assertIllegalState(() -> producer.send(message));
        assertIllegalState(producer::getDeliveryMode);

        assertIllegalState(consumer::receiveNoWait);
        assertIllegalState(() -> consumer.receive(10));
        assertIllegalState(consumer::getMessageListener);

        consumer.close();
        producer.close();
        session.close();
        conn.close();
    }

    @Test
    void closedSessionThrowsIllegalStateExceptionFromEveryMethodButClose() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        Topic topic = newTopic(session);
        session.close();

        // Session.close javadoc: any other method on a closed session must throw IllegalStateException
        assertIllegalState(() -> session.createProducer(queue));
        assertIllegalState(() -> session.createConsumer(queue));
        assertIllegalState(() -> session.createConsumer(queue, null));
        assertIllegalState(() -> session.createConsumer(topic, null, true));
        assertIllegalState(() -> session.createSharedConsumer(topic, "s"));
        assertIllegalState(() -> session.createBrowser(queue));
        assertIllegalState(() -> session.createQueue("q"));
        assertIllegalState(() -> session.createTopic("t"));
        assertIllegalState(session::createTemporaryQueue);
        assertIllegalState(session::createTemporaryTopic);
        assertIllegalState(session::createMessage);
        assertIllegalState(session::createTextMessage);
        assertIllegalState(session::createBytesMessage);
        assertIllegalState(session::createMapMessage);
        assertIllegalState(session::createObjectMessage);
        assertIllegalState(session::createStreamMessage);
        assertIllegalState(session::getTransacted);
        assertIllegalState(session::getAcknowledgeMode);
        assertIllegalState(session::commit);
        assertIllegalState(session::rollback);
        assertIllegalState(session::recover);
        assertIllegalState(() -> session.unsubscribe("s"));
        session.close();
    }

    @Test
    void closedProducerThrowsIllegalStateExceptionFromEveryMethodButClose() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createTextMessage("x");
        producer.close();

        assertIllegalState(() -> producer.send(message));
        assertIllegalState(() -> producer.send(message, Message.DEFAULT_DELIVERY_MODE, 4, 0));
        assertIllegalState(producer::getDestination);
        assertIllegalState(producer::getDeliveryMode);
        assertIllegalState(() -> producer.setDeliveryMode(Message.DEFAULT_DELIVERY_MODE));
        assertIllegalState(producer::getPriority);
        assertIllegalState(() -> producer.setPriority(5));
        assertIllegalState(producer::getTimeToLive);
        assertIllegalState(() -> producer.setTimeToLive(10));
        assertIllegalState(producer::getDisableMessageID);
        assertIllegalState(producer::getDisableMessageTimestamp);
        producer.close();

        MessageProducer anonymous = session.createProducer(null);
        anonymous.close();
        assertIllegalState(() -> anonymous.send(queue, message));
    }

    @Test
    void closedConsumerThrowsIllegalStateExceptionFromEveryMethodButClose() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        consumer.close();

        assertIllegalState(consumer::receive);
        assertIllegalState(() -> consumer.receive(10));
        assertIllegalState(consumer::receiveNoWait);
        assertIllegalState(consumer::getMessageListener);
        assertIllegalState(() -> consumer.setMessageListener(m -> { }));
        assertIllegalState(consumer::getMessageSelector);
        consumer.close();
    }

    @Test
    void closingTheConnectionMakesABlockedReceiveInAnotherThreadReturnNull() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        conn.start();
        Future<Message> blocked = startBlockedReceive(consumer);

        conn.close();

        // Connection.close javadoc: a close terminates all pending receives (null when nothing was available)
        assertThat(blocked.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void closingTheSessionMakesABlockedReceiveInAnotherThreadReturnNull() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        connection.start();
        Future<Message> blocked = startBlockedReceive(consumer);

        session.close();

        assertThat(blocked.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void closingTheConsumerMakesABlockedReceiveInAnotherThreadReturnNull() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        connection.start();
        Future<Message> blocked = startBlockedReceive(consumer);

        consumer.close();

        assertThat(blocked.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void closingAStoppedConnectionReleasesAReceiveBlockedWhileStopped() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        Future<Message> blocked = startBlockedReceive(consumer);

        conn.close();

        assertThat(blocked.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void metaDataReportsJakartaMessaging31AndTheJmsxProperties() throws Exception {
        ConnectionMetaData metaData = connection.getMetaData();

        assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
        assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
        assertThat(metaData.getJMSProviderName()).isNotBlank();
        assertThat(metaData.getProviderVersion()).isNotBlank();
        assertThat(metaData.getProviderMajorVersion()).isNotNegative();
        assertThat(metaData.getProviderMinorVersion()).isNotNegative();
        @SuppressWarnings("unchecked")
        List<String> names = Collections.list((java.util.Enumeration<String>) metaData.getJMSXPropertyNames());
        // JMSXDeliveryCount is mandatory (§3.5.11); the provider also supports message groups
        assertThat(names).contains("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
    }

    @Test
    void exceptionListenerCanBeSetReadAndCleared() throws Exception {
        assertThat(connection.getExceptionListener()).isNull();

        ExceptionListener listener = e -> { };
        connection.setExceptionListener(listener);
        assertThat(connection.getExceptionListener()).isSameAs(listener);

        connection.setExceptionListener(null);
        assertThat(connection.getExceptionListener()).isNull();
    }

    /** Starts {@code consumer.receive()} in another thread and waits until that thread is blocked in it. */
    private Future<Message> startBlockedReceive(MessageConsumer consumer) {
        CountDownLatch calling = new CountDownLatch(1);
        Thread[] receiver = new Thread[1];
        Future<Message> future = newExecutor().submit(() -> {
            receiver[0] = Thread.currentThread();
            calling.countDown();
            return consumer.receive();
        });
        try {
            assertThat(calling.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        org.awaitility.Awaitility.await().atMost(AWAIT).until(() -> {
            Thread.State state = receiver[0].getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
        assertThat(future).isNotDone();
        return future;
    }
}
