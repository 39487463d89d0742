package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.store.ForwardingMessageStore;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.memory.InMemoryStoreProvider;

/**
 * Over TCP an AUTO_ACKNOWLEDGE receive returns without waiting for its acknowledgement; the session
 * waits for it before it hands out the next message, recovers or closes, so only the last consumed
 * message can ever come again (Jakarta Messaging 3.1, "Duplicate delivery of messages").
 */
class TcpOverlappedAcknowledgementTest {

    private static final long RECEIVE_MS = 5_000;

    /** Holds back, while its gate is closed, every batch that only removes references: acknowledgements. */
    private static final class AcknowledgementGate extends ForwardingMessageStore {
        private final List<CompletableFuture<Void>> releases = new ArrayList<>();
        private boolean holding;

        AcknowledgementGate(MessageStore delegate) {
            super(delegate);
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized int held() {
            return releases.size();
        }

        /** Applies the held acknowledgements, and lets later ones through. */
        void letThrough() {
            release(null);
        }

        /** Fails the held acknowledgements, unapplied, as a failing disk would, and lets later ones through. */
        void failHeld() {
            release(new IOException("the disk failed (simulated)"));
        }

        private void release(IOException failure) {
            List<CompletableFuture<Void>> held;
            synchronized (this) {
                holding = false;
                held = List.copyOf(releases);
                releases.clear();
            }
            held.forEach(release -> {
                if (failure == null) {
                    release.complete(null);
                } else {
                    release.completeExceptionally(failure);
                }
            });
        }

        @Override
        public CompletableFuture<Void> apply(List<StoreOperation> operations) {
            boolean acknowledgement = operations.stream().allMatch(StoreOperation.RemoveReference.class::isInstance);
            CompletableFuture<Void> release = new CompletableFuture<>();
            synchronized (this) {
                if (!holding || !acknowledgement) {
                    return super.apply(operations);
                }
                releases.add(release);
            }
            return release.thenCompose(applied -> super.apply(operations));
        }
    }

    @TempDir
    Path dir;

    private AcknowledgementGate store;
    private TcpBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;
    private final List<Thread> threads = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = new AcknowledgementGate(new InMemoryStoreProvider().open(dir));
        broker = new TcpBroker(dir, TcpOptions.defaults(), config -> config.withStore(store));
        connection = broker.factory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("overlapped");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("first"));
        producer.send(session.createTextMessage("second"));
        connection.start();
    }

    @AfterEach
    void stop() throws Exception {
        store.letThrough();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        connection.close();
        broker.close();
    }

    @Test
    void aReceiveReturnsBeforeItsAcknowledgementIsDurableAndTheNextOneWaitsForIt() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(onceTheFirstIsAcknowledged(consumer, () -> text(consumer.receive(RECEIVE_MS)))).isEqualTo("second");
    }

    @Test
    void aListenerGetsTheNextMessageOnlyOnceThePreviousOneIsAcknowledged() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        store.hold();
        consumer.setMessageListener(message -> {
            try {
                heard.add(text(message));
            } catch (JMSException e) {
                heard.add(e.toString());
            }
        });
        assertThat(heard.poll(RECEIVE_MS, TimeUnit.MILLISECONDS)).isEqualTo("first");
        await().until(() -> store.held() == 1 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("messagestore-session-") && waitsForTheAcknowledgement(thread)));
        assertThat(heard).isEmpty();

        store.letThrough();
        assertThat(heard.poll(RECEIVE_MS, TimeUnit.MILLISECONDS)).isEqualTo("second");
    }

    @Test
    void recoverWaitsForTheAcknowledgementSoTheAcknowledgedMessageDoesNotComeAgain() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        onceTheFirstIsAcknowledged(consumer, () -> {
            session.recover();
            return "recovered";
        });

        assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("second");
    }

    @Test
    void closingTheConsumerWaitsForTheAcknowledgement() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        onceTheFirstIsAcknowledged(consumer, () -> {
            consumer.close();
            return "closed";
        });

        assertThat(remaining()).containsExactly("second");
    }

    @Test
    void aFailedAcknowledgementIsThrownByTheNextReceiveAndTheOneAfterCoversItsMessage() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        store.hold();
        assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("first");

        CompletableFuture<String> next = inThread(() -> text(consumer.receive(RECEIVE_MS)));
        await().until(() -> store.held() == 1);
        store.failHeld();
        assertThatThrownBy(() -> next.get(RECEIVE_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(JMSException.class)
                .hasMessageContaining("simulated");

        assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("second");
        consumer.close(); // waits for the acknowledgement of "second", which takes "first" along
        assertThat(remaining()).isEmpty();
    }

    /**
     * Receives "first" while its acknowledgement is held, then runs {@code call} on a thread of its own;
     * once that thread waits for the held acknowledgement (and has not finished), lets it through and
     * returns what {@code call} returned.
     */
    private <T> T onceTheFirstIsAcknowledged(MessageConsumer consumer, JmsCall<T> call) throws Exception {
        store.hold();
        assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("first");

        CompletableFuture<T> result = inThread(call);
        await().until(() -> store.held() == 1 && waitsForTheAcknowledgement(threads.get(0)));
        assertThat(result).isNotDone();

        store.letThrough();
        return result.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
    }

    /** The texts left in the queue, as a browser of a session of its own sees them. */
    private List<String> remaining() throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Session browsing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = browsing.createBrowser(queue)) {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                texts.add(text(messages.nextElement()));
            }
        }
        return texts;
    }

    private static String text(Object message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    private static boolean waitsForTheAcknowledgement(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("awaitAcknowledged"));
    }

    @FunctionalInterface
    private interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** Runs {@code call} on a thread of its own, which the test can look at while it waits. */
    private <T> CompletableFuture<T> inThread(JmsCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (JMSException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "overlapped-acknowledgement-test");
        threads.add(thread);
        thread.start();
        return result;
    }
}
