package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.messagestore.broker.BrokerFixture.consume;
import static org.messagestore.broker.BrokerFixture.send;

import jakarta.jms.ResourceAllocationException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;

/** The broker-wide memory limit (issue 5, "Flow control and memory"; {@link MemoryLimitPolicy}). */
class MemoryLimitTest {

    private static final DestinationName EVENTS = DestinationName.queue("events");
    /** Each test message's estimated size is 256 bytes plus its short body: ten of them pass this. */
    private static final long LIMIT = 10 * 256;

    private BrokerFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private BrokerConnection start(MemoryLimitPolicy policy) throws Exception {
        fixture = new BrokerFixture(config -> config.withMemoryLimit(LIMIT)
                .withMemoryLimitPolicy(policy, Duration.ofSeconds(20)));
        BrokerConnection c = fixture.connect();
        c.createSession(1, false);
        return c;
    }

    /** Sends non-persistent messages until the broker is at its limit (259 bytes each); returns how many. */
    private int fill(BrokerConnection c) throws Exception {
        int count = 10;
        for (int i = 0; i < count; i++) {
            send(c, 1, Messages.nonPersistent(EVENTS, "e-" + i));
        }
        return count;
    }

    @Test
    void overTheLimitANonPersistentSendBlocksUntilAConsumerDrains() throws Exception {
        BrokerConnection c = start(MemoryLimitPolicy.BLOCK);
        int sent = fill(c);

        CompletableFuture<Void> blocked = c.send(1, Messages.nonPersistent(EVENTS, "waits"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !blocked.isDone());

        RecordingSink sink = new RecordingSink();
        c.createConsumer(BrokerFixture.queueConsumer(1, 1, EVENTS, 100), sink);
        for (int i = 0; i < sent; i++) {
            consume(c, sink);
        }
        c.acknowledge(1);

        blocked.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(consume(c, sink)).isEqualTo("waits");
    }

    @Test
    void overTheLimitPersistentMessagesForAQueueStillGoThroughToTheStore() throws Exception {
        BrokerConnection c = start(MemoryLimitPolicy.FAIL);
        int sent = fill(c);

        send(c, 1, Messages.text(EVENTS, "persistent"));

        // Accepted although memory is full: it went to the store (the page reader may bring it back
        // in as soon as there is room, so how many are in memory right now is not fixed).
        assertThat(fixture.store.storedMessageCount()).isEqualTo(1);
        RecordingSink sink = new RecordingSink();
        c.createConsumer(BrokerFixture.queueConsumer(1, 1, EVENTS, 100), sink);
        for (int i = 0; i < sent; i++) {
            consume(c, sink);
        }
        c.acknowledge(1);
        assertThat(consume(c, sink)).isEqualTo("persistent");
    }

    @Test
    void withPolicyFailANonPersistentSendOverTheLimitThrowsResourceAllocationException() throws Exception {
        BrokerConnection c = start(MemoryLimitPolicy.FAIL);
        fill(c);

        assertThatThrownBy(() -> c.send(1, Messages.nonPersistent(EVENTS, "refused")).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("memory limit");
    }

    @Test
    void aBlockedSendFailsWithResourceAllocationExceptionAfterItsTimeout() throws Exception {
        fixture = new BrokerFixture(config -> config.withMemoryLimit(LIMIT)
                .withMemoryLimitPolicy(MemoryLimitPolicy.BLOCK, Duration.ofMillis(200)));
        BrokerConnection c = fixture.connect();
        c.createSession(1, false);
        fill(c);

        assertThatThrownBy(() -> c.send(1, Messages.nonPersistent(EVENTS, "too late")).get(5, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("waited 200 ms");
    }
}
