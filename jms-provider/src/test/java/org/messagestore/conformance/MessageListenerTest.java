package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Messaging 3.1 §8.7 (Receiving messages asynchronously), the session threading rules and the
 * stop/close javadoc of Connection, Session and MessageConsumer as seen from a MessageListener.
 */
class MessageListenerTest extends JmsTestSupport {

    @Test
    void listenerReceivesAllMessagesInOrder() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(10);
        session.createConsumer(queue).setMessageListener(m -> {
            received.add(text(m));
            all.countDown();
        });
        connection.start();

        sendTexts(newConnection().createSession(), queue, texts("m", 10));

        assertThat(all.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(received).containsExactly(texts("m", 10));
    }

    @Test
    void listenersOfOneSessionAreCalledSerially() throws Exception {
        Session session = autoSession();
        Queue a = newQueue(session);
        Queue b = newQueue(session);
        Session sender = newConnection().createSession();
        sendTexts(sender, a, texts("a", 25));
        sendTexts(sender, b, texts("b", 25));

        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(50);
        jakarta.jms.MessageListener listener = m -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            // widen the window in which an overlapping call would be observed (not a wait for a condition)
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            active.decrementAndGet();
            all.countDown();
        };
        session.createConsumer(a).setMessageListener(listener);
        session.createConsumer(b).setMessageListener(listener);
        connection.start();

        assertThat(all.await(RECEIVE_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS)).isTrue();
        // Jakarta Messaging 3.1, Sessions ("Serial execution of client code"): the session serializes all its
        // message listeners
        assertThat(maxActive.get()).as("concurrent onMessage calls within one session").isEqualTo(1);
    }

    @Test
    void allListenersOfOneSessionRunOnOneThreadThatIsNotTheCallers() throws Exception {
        Session session = autoSession();
        Queue a = newQueue(session);
        Queue b = newQueue(session);
        Session sender = newConnection().createSession();
        sendTexts(sender, a, texts("a", 10));
        sendTexts(sender, b, texts("b", 10));

        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(20);
        jakarta.jms.MessageListener listener = m -> {
            threads.add(Thread.currentThread());
            all.countDown();
        };
        session.createConsumer(a).setMessageListener(listener);
        session.createConsumer(b).setMessageListener(listener);
        connection.start();

        assertThat(all.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
    }

    @Test
    void listenerIsNotCalledBeforeTheConnectionIsStarted() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1");
        CountDownLatch delivered = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> delivered.countDown());

        assertThat(delivered.await(NO_MESSAGE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isFalse();
        connection.start();
        assertThat(delivered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void getMessageListenerReturnsTheListenerSet() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        assertThat(consumer.getMessageListener()).isNull();
        jakarta.jms.MessageListener listener = m -> { };
        consumer.setMessageListener(listener);
        assertThat(consumer.getMessageListener()).isSameAs(listener);
    }

    // Connection.stop/close and Session.close javadoc (JMS 2.0 errata JMS_SPEC-158, kept in 3.1): called from a
    // listener on its own connection/session they either throw IllegalStateException or succeed. MessageStore
    // throws (ClientConnection/ClientSession javadoc), which these tests pin; the object stays usable.

    @Test
    void stoppingTheConnectionFromItsOwnListenerThrowsIllegalStateException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CountDownLatch secondDelivered = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        session.createConsumer(queue).setMessageListener(m -> {
            if (calls.incrementAndGet() == 1) {
                outcome.complete(callAndCatch(connection::stop));
            } else {
                secondDelivered.countDown();
            }
        });
        connection.start();
        Session sender = newConnection().createSession();
        sendTexts(sender, queue, "m1");

        assertThat(outcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        sendTexts(sender, queue, "m2");
        assertThat(secondDelivered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .as("the connection keeps delivering after the refused stop").isTrue();
    }

    @Test
    void closingTheConnectionFromItsOwnListenerThrowsIllegalStateException() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(m -> outcome.complete(callAndCatch(conn::close)));
        conn.start();
        sendTexts(session, queue, "m1");

        assertThat(outcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        conn.createSession().close(); // still open
    }

    @Test
    void closingTheSessionFromItsOwnListenerThrowsIllegalStateException() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(m -> outcome.complete(callAndCatch(session::close)));
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");

        assertThat(outcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE); // still open
    }

    @Test
    void stoppingAnotherConnectionFromAListenerIsAllowed() throws Exception {
        Connection other = newConnection();
        other.start();
        Session session = autoSession();
        Queue queue = newQueue(session);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(m -> outcome.complete(callAndCatch(() -> {
            other.stop();
            other.close();
        })));
        connection.start();
        sendTexts(session, queue, "m1");

        assertThat(outcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void consumerMayBeClosedFromItsOwnListener() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        sendTexts(session, queue, "m1", "m2");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> {
            calls.incrementAndGet();
            outcome.complete(callAndCatch(consumer::close));
        });
        connection.start();

        // MessageConsumer.close javadoc: may be called from its own onMessage, which then completes normally
        assertThat(outcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
        MessageConsumer next = session.createConsumer(queue);
        assertThat(receiveText(next)).as("m1 was acknowledged when onMessage completed normally").isEqualTo("m2");
        assertNoMessage(next);
        assertThat(calls).hasValue(1);
    }

    @Test
    void connectionCloseWaitsForARunningListenerWhichKeepsFullUseOfItsSession() throws Exception {
        Connection conn = newConnection();
        Session session = conn.createSession();
        Queue queue = newQueue(session);
        Queue replies = newQueue(session);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        CompletableFuture<Throwable> replyOutcome = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            awaitLatch(release);
            // Connection.close javadoc: the facilities of the connection and its sessions remain available
            replyOutcome.complete(callAndCatch(() -> {
                try (MessageProducer producer = session.createProducer(replies)) {
                    producer.send(session.createTextMessage("reply"));
                }
            }));
            returned.set(true);
        });
        conn.start();
        sendTexts(session, queue, "m1");
        assertThat(entered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        try {
            Future<?> closing = newExecutor().submit(() -> {
                conn.close();
                return null;
            });
            assertNotDoneWithin(closing, NO_MESSAGE_TIMEOUT_MS);
            release.countDown();
            closing.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(returned).as("close returned only after the listener had returned").isTrue();
        } finally {
            release.countDown();
        }
        assertThat(replyOutcome.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
        Session check = connection.createSession();
        connection.start();
        assertThat(receiveText(check.createConsumer(replies))).isEqualTo("reply");
    }

    @Test
    void sessionCloseWaitsForARunningListener() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            awaitLatch(release);
            returned.set(true);
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");
        assertThat(entered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        try {
            Future<?> closing = newExecutor().submit(() -> {
                session.close();
                return null;
            });
            assertNotDoneWithin(closing, NO_MESSAGE_TIMEOUT_MS);
            release.countDown();
            closing.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(returned).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void messageOfAListenerRunningDuringSessionCloseIsStillAcknowledged() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            awaitLatch(release);
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");
        assertThat(entered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        try {
            Future<?> closing = newExecutor().submit(() -> {
                session.close();
                return null;
            });
            assertNotDoneWithin(closing, NO_MESSAGE_TIMEOUT_MS);
            release.countDown();
            closing.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } finally {
            release.countDown();
        }

        // the listener returned normally in AUTO_ACKNOWLEDGE, so m1 was consumed: it must not come back
        Connection other = newConnection();
        MessageConsumer check = other.createSession().createConsumer(queue);
        other.start();
        assertNoMessage(check);
    }

    @Test
    void consumerCloseFromAnotherThreadWaitsForItsRunningListener() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> {
            entered.countDown();
            awaitLatch(release);
            returned.set(true);
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");
        assertThat(entered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        try {
            Future<?> closing = newExecutor().submit(() -> {
                consumer.close();
                return null;
            });
            // MessageConsumer.close javadoc: blocks until a listener in progress in another thread has completed
            assertNotDoneWithin(closing, NO_MESSAGE_TIMEOUT_MS);
            release.countDown();
            closing.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(returned).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void stopWaitsForRunningListenersAndThenNoneIsCalledUntilStart() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        List<String> received = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> {
            received.add(text(m));
            if (received.size() == 1) {
                entered.countDown();
                awaitLatch(release);
                returned.set(true);
            }
        });
        connection.start();
        Session sender = newConnection().createSession();
        sendTexts(sender, queue, "m1");
        assertThat(entered.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        try {
            Future<?> stopping = newExecutor().submit(() -> {
                connection.stop();
                return null;
            });
            // Connection.stop javadoc / §6.1.5: stop must wait until running listeners have returned
            assertNotDoneWithin(stopping, NO_MESSAGE_TIMEOUT_MS);
            release.countDown();
            stopping.get(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(returned).isTrue();
        } finally {
            release.countDown();
        }

        sendTexts(sender, queue, "m2");
        await().pollDelay(java.time.Duration.ofMillis(NO_MESSAGE_TIMEOUT_MS)).atMost(AWAIT)
                .untilAsserted(() -> assertThat(received).containsExactly("m1"));
        connection.start();
        await().atMost(AWAIT).untilAsserted(() -> assertThat(received).containsExactly("m1", "m2"));
    }

    @Test
    void messageWhoseListenerThrowsInAutoAcknowledgeIsRedeliveredMarkedRedelivered() throws Exception {
        assertRedeliveredAfterListenerThrows(Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void messageWhoseListenerThrowsInDupsOkAcknowledgeIsRedeliveredMarkedRedelivered() throws Exception {
        assertRedeliveredAfterListenerThrows(Session.DUPS_OK_ACKNOWLEDGE);
    }

    private void assertRedeliveredAfterListenerThrows(int ackMode) throws Exception {
        Session session = connection.createSession(false, ackMode);
        Queue queue = newQueue(session);
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            deliveries.add(m);
            twice.countDown();
            if (deliveries.size() == 1) {
                throw new RuntimeException("listener failure (expected by the test)");
            }
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");

        // §8.7: a listener throwing RuntimeException in AUTO/DUPS_OK mode gets the message redelivered at once,
        // with JMSRedelivered set
        assertThat(twice.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        Message first = deliveries.get(0);
        Message second = deliveries.get(1);
        assertThat(text(second)).isEqualTo("m1");
        assertThat(second.getJMSMessageID()).isEqualTo(first.getJMSMessageID());
        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(deliveryCount(first)).isEqualTo(1);
        assertThat(deliveryCount(second)).isEqualTo(2);
        // the second, normal return acknowledges it: once a later message has been delivered (listeners are
        // serial), m1 is not delivered again, not even after the session closes
        sendTexts(newConnection().createSession(), queue, "m2");
        await().atMost(AWAIT).until(() -> deliveries.size() >= 3);
        session.close();
        assertThat(deliveries).hasSize(3);
        assertThat(text(deliveries.get(2))).isEqualTo("m2");
        Connection other = newConnection();
        MessageConsumer check = other.createSession().createConsumer(queue);
        other.start();
        assertNoMessage(check);
    }

    @Test
    void synchronousReceiveOnAConsumerWithAListenerThrowsJMSException() throws Exception {
        Session session = autoSession();
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        consumer.setMessageListener(m -> { });

        // Not named by the javadoc; a consumer with a listener is asynchronous (§8.7), and a receive on it is a
        // programming error the provider reports (IllegalStateException is a JMSException).
        assertThrows(JMSException.class, () -> consumer.receive(10));
        assertThrows(JMSException.class, consumer::receiveNoWait);
    }

    @Test
    void rollbackInsideATransactedListenerRedeliversTheMessage() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            deliveries.add(m);
            callAndCatch(deliveries.size() == 1 ? session::rollback : session::commit);
            twice.countDown();
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");

        assertThat(twice.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(text(deliveries.get(1))).isEqualTo("m1");
        assertThat(deliveries.get(1).getJMSRedelivered()).isTrue();
        assertThat(deliveryCount(deliveries.get(1))).isEqualTo(2);
        session.close();
        Connection other = newConnection();
        MessageConsumer check = other.createSession().createConsumer(queue);
        other.start();
        assertNoMessage(check);
    }

    @Test
    void recoverInsideAClientAcknowledgeListenerRedeliversTheMessage() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            deliveries.add(m);
            callAndCatch(deliveries.size() == 1 ? session::recover : m::acknowledge);
            twice.countDown();
        });
        connection.start();
        sendTexts(newConnection().createSession(), queue, "m1");

        assertThat(twice.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(text(deliveries.get(1))).isEqualTo("m1");
        assertThat(deliveries.get(1).getJMSRedelivered()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface JmsCall {
        void call() throws Exception;
    }

    /** Runs the call; returns what it threw, or null. */
    private static Throwable callAndCatch(JmsCall call) {
        try {
            call.call();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertNotDoneWithin(Future<?> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            Assertions.fail("expected the call to block while a listener is running, but it returned");
        } catch (TimeoutException expected) {
            // still blocked, as required
        }
    }
}
