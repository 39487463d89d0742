package org.messagestore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing contexts, using closed ones, client ids, and contexts that share a connection. */
class ContextLifecycleTest {

    private static final long RECEIVE_TIMEOUT = 5_000;

    private final OpenContexts contexts = new OpenContexts("context-lifecycle");

    @AfterEach
    void close() {
        contexts.closeAll();
    }

    @Test
    void closeIsIdempotent() {
        JMSContext context = contexts.open();
        context.createProducer().send(context.createQueue("lifecycle-idempotent"), "x");

        context.close();

        assertThatCode(context::close).doesNotThrowAnyException();
    }

    @Test
    void everyMethodOfAClosedContextThrowsIllegalStateRuntimeException() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("lifecycle-closed");
        JMSProducer producer = context.createProducer();
        context.close();

        Map<String, ThrowingCallable> calls = Map.ofEntries(
                Map.entry("createProducer", context::createProducer),
                Map.entry("createConsumer", () -> context.createConsumer(queue)),
                Map.entry("createContext", () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE)),
                Map.entry("createTextMessage", context::createTextMessage),
                Map.entry("createQueue", () -> context.createQueue("q")),
                Map.entry("createBrowser", () -> context.createBrowser(queue)),
                Map.entry("createTemporaryQueue", context::createTemporaryQueue),
                Map.entry("getClientID", context::getClientID),
                Map.entry("setClientID", () -> context.setClientID("late")),
                Map.entry("getMetaData", context::getMetaData),
                Map.entry("getSessionMode", context::getSessionMode),
                Map.entry("getTransacted", context::getTransacted),
                Map.entry("getAutoStart", context::getAutoStart),
                Map.entry("start", context::start),
                Map.entry("stop", context::stop),
                Map.entry("acknowledge", context::acknowledge),
                Map.entry("recover", context::recover),
                Map.entry("commit", context::commit),
                Map.entry("unsubscribe", () -> context.unsubscribe("sub")),
                Map.entry("producer send", () -> producer.send(queue, "late")));
        calls.forEach((name, call) -> assertThatThrownBy(call)
                .as(name)
                .isInstanceOf(IllegalStateRuntimeException.class));
    }

    @Test
    void consumersCloseWithTheirContext() {
        JMSContext context = contexts.open();
        JMSConsumer consumer = context.createConsumer(context.createQueue("lifecycle-consumer"));

        context.close();

        assertThatThrownBy(() -> consumer.receiveNoWait()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void closeFromItsOwnMessageListenerThrowsIllegalStateRuntimeException() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("lifecycle-close-in-listener");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        context.createConsumer(queue).setMessageListener(message -> {
            try {
                context.close();
                outcome.set(new AssertionError("close() from the listener returned normally"));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });

        context.createProducer().send(queue, "close me");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatCode(context::getSessionMode).doesNotThrowAnyException();
    }

    @Test
    void closeFromItsOwnCompletionListenerThrowsIllegalStateRuntimeException() {
        JMSContext context = contexts.open();
        Queue queue = context.createQueue("lifecycle-close-in-completion");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CompletionListener closing = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    context.close();
                    outcome.set(new AssertionError("close() from the completion listener returned normally"));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.set(exception);
            }
        };

        context.createProducer().setAsync(closing).send(queue, "async");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void clientIdCanBeSetFirstAndIsSharedByChildContexts() {
        JMSContext context = contexts.open();
        context.setClientID("lifecycle-client");

        JMSContext child = contexts.track(context.createContext(JMSContext.AUTO_ACKNOWLEDGE));

        assertThat(context.getClientID()).isEqualTo("lifecycle-client");
        assertThat(child.getClientID()).isEqualTo("lifecycle-client");
    }

    @Test
    void settingTheClientIdAfterUsingTheContextThrowsIllegalStateRuntimeException() {
        JMSContext context = contexts.open();
        context.createProducer();

        assertThatThrownBy(() -> context.setClientID("too-late")).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void createContextSharesTheConnection() {
        JMSContext context = contexts.open();
        JMSContext child = contexts.track(context.createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        TemporaryQueue temporary = context.createTemporaryQueue();

        // a temporary queue can only be consumed through the connection that created it
        JMSConsumer consumer = child.createConsumer(temporary);
        context.createProducer().send(temporary, "shared");

        assertThat(child.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("shared");
    }

    @Test
    void aContextOnAnotherConnectionCannotConsumeATemporaryQueue() {
        JMSContext context = contexts.open();
        JMSContext other = contexts.open();
        TemporaryQueue temporary = context.createTemporaryQueue();

        assertThatThrownBy(() -> other.createConsumer(temporary)).isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @Test
    void theConnectionStaysOpenUntilItsLastContextCloses() {
        JMSContext context = contexts.open();
        JMSContext child = contexts.track(context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        TemporaryQueue temporary = child.createTemporaryQueue();
        JMSConsumer consumer = child.createConsumer(temporary);

        context.close();
        child.createProducer().send(temporary, "still open");

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT)).isEqualTo("still open");
        child.close();
        assertThatThrownBy(() -> consumer.receiveNoWait()).isInstanceOf(IllegalStateRuntimeException.class);
    }
}
