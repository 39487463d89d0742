package org.messagestore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Asynchronous send with a CompletionListener (Jakarta Messaging 3.1, 7.3). */
class AsyncSendTest extends JmsTestSupport {

    @Test
    void callbacksArriveInSendOrderWithTheSentMessage() throws Exception {
        Session session = autoSession();
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        List<String> completed = new CopyOnWriteArrayList<>();
        List<TextMessage> sent = new CopyOnWriteArrayList<>();

        for (int i = 0; i < 50; i++) {
            TextMessage message = session.createTextMessage("m" + i);
            sent.add(message);
            producer.send(message, listener(m -> completed.add(text(m)), e -> { }));
        }

        await().atMost(AWAIT).until(() -> completed.size() == 50);
        assertThat(completed).containsExactly(texts("m", 50));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(receiveTexts(consumer, 50)).containsExactly(texts("m", 50));
    }

    @Test
    void callbackRunsOnAProviderThreadNotTheSender() throws Exception {
        Session session = autoSession();
        MessageProducer producer = session.createProducer(newQueue(session));
        CompletableFuture<Thread> callbackThread = new CompletableFuture<>();

        producer.send(session.createTextMessage("x"),
                listener(m -> callbackThread.complete(Thread.currentThread()), callbackThread::completeExceptionally));

        assertThat(callbackThread.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void anInterruptedThreadClosingTheSessionWaitsForPendingCallbacksAndKeepsItsInterrupt() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(newQueue(session));
        CountDownLatch release = new CountDownLatch(1);
        producer.send(session.createTextMessage("x"), listener(m -> awaitQuietly(release), e -> { }));
        CompletableFuture<Boolean> closedInterrupted = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                session.close();
                closedInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                closedInterrupted.completeExceptionally(e);
            }
        }, "interrupted-closer");
        closer.start();

        await().atMost(AWAIT).until(() -> closer.getState() == Thread.State.WAITING);
        assertThat(closedInterrupted).as("close waits for the pending callback").isNotDone();
        release.countDown();

        assertThat(closedInterrupted.get(10, TimeUnit.SECONDS)).as("the interrupt is kept").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void failedSendIsReportedToOnException() throws Exception {
        Session session = autoSession();
        TemporaryQueue gone = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(null);
        gone.delete();
        CompletableFuture<Exception> failure = new CompletableFuture<>();

        producer.send(gone, session.createTextMessage("lost"), listener(m -> failure.complete(null), failure::complete));

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(InvalidDestinationException.class);
    }

    /** 7.3.8: a callback must not close its own connection, session or producer, nor commit or roll back. */
    @Test
    void closeCommitAndRollbackFromACallbackThrowIllegalStateException() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(newQueue(session));
        List<Class<?>> thrown = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();

        producer.send(session.createTextMessage("x"), listener(m -> {
            thrown.add(attempt(connection::close));
            thrown.add(attempt(session::close));
            thrown.add(attempt(producer::close));
            thrown.add(attempt(session::commit));
            thrown.add(attempt(session::rollback));
            done.complete(null);
        }, done::completeExceptionally));

        done.get(10, TimeUnit.SECONDS);
        assertThat(thrown).containsOnly(IllegalStateException.class).hasSize(5);
    }

    @Test
    void contextCloseFromItsOwnCallbackThrowsIllegalStateRuntimeException() throws Exception {
        JMSContext context = track(factory().createContext(JMSContext.SESSION_TRANSACTED));
        Queue queue = context.createQueue(uniqueName("q"));
        List<Class<?>> thrown = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();

        context.createProducer().setAsync(listener(m -> {
            thrown.add(attemptRuntime(context::close));
            thrown.add(attemptRuntime(context::commit));
            thrown.add(attemptRuntime(context::rollback));
            done.complete(null);
        }, done::completeExceptionally)).send(queue, "x");

        done.get(10, TimeUnit.SECONDS);
        assertThat(thrown).containsOnly(IllegalStateRuntimeException.class).hasSize(3);
    }

    @Test
    void sessionCloseWaitsForPendingCallbacks() throws Exception {
        Session session = autoSession();
        MessageProducer producer = session.createProducer(newQueue(session));
        List<String> completed = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("m" + i), listener(m -> completed.add(text(m)), e -> { }));
        }

        session.close();

        assertThat(completed).hasSize(20);
    }

    private static Class<?> attempt(JmsAction action) {
        try {
            action.run();
            return null;
        } catch (JMSException e) {
            return e.getClass();
        }
    }

    private static Class<?> attemptRuntime(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @FunctionalInterface
    private interface JmsAction {
        void run() throws JMSException;
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    private static CompletionListener listener(Consumer<Message> onCompletion, Consumer<Exception> onException) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                onCompletion.accept(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                onException.accept(exception);
            }
        };
    }
}
