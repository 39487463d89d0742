package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.AdminProgress;
import org.messagestore.model.AdminResult;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DestinationName;
import org.messagestore.store.memory.InMemoryStore;

/** Where management commands run: a sweep on the admin thread, everything else at once on the caller's. */
class AdminCommandsTest {

    private final InMemoryStore memoryStore = new InMemoryStore();
    private final GatedStore store = new GatedStore(memoryStore);

    @AfterEach
    void closeStore() {
        memoryStore.close();
    }

    @Test
    void statusAnswersWhileAPurgeWaitsForTheStore() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.defaults(BrokerFixture.uniqueName()).withStore(store)
                .withQueues("orders"))) {
            BrokerConnection c = broker.connect(null, null, null);
            c.createSession(1, false);
            BrokerFixture.send(c, 1, Messages.text(DestinationName.queue("orders"), "held"));

            store.closeGate();
            CompletableFuture<AdminResult> purge = c.admin("queue.purge", Map.of("name", "orders"), AdminProgress.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.heldBatches() > 0); // the purge's batch waits

            CompletableFuture<AdminResult> status = c.admin("status", Map.of(), AdminProgress.NONE);
            assertThat(status).as("status does not queue behind the purge").isCompleted();
            assertThat(status.get().first("queues")).isEqualTo(2L); // orders and DLQ
            assertThat(purge).isNotDone();

            store.open();
            assertThat(purge.get().first("removed")).isEqualTo(1L);
            c.close();
        }
    }
}
