package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.StoreTesting.readAll;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.model.DestinationName;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoredReference;

class ApplyAndRecoverTest {

    @TempDir
    Path dir;

    @Test
    void destinationsSubscriptionsAndReferencesSurviveARestart() {
        DurableSubscriptionRecord audit = new DurableSubscriptionRecord("c1", "audit", "prices", "x = 1", false, false);
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.AddDestination(TestMessages.ORDERS),
                    new StoreOperation.AddDestination(DestinationName.topic("prices")),
                    new StoreOperation.AddSubscription(audit)));
            for (long id = 1; id <= 5; id++) {
                applyAndWait(store, TestMessages.send(ORDERS_QUEUE, id));
            }
            applyAndWait(store, List.of(new StoreOperation.UpdateDeliveryCount(ORDERS_QUEUE, 2, 3),
                    new StoreOperation.UpdateDeliveryCount(ORDERS_QUEUE, 3, 1, 1_900_000_000_000L)));
            applyAndWait(store, TestMessages.ack(ORDERS_QUEUE, 4));
        }

        try (XodusMessageStore store = open(dir)) {
            RecoveredState state = store.recover();
            assertThat(state.destinations()).containsExactlyInAnyOrder(TestMessages.ORDERS, DestinationName.topic("prices"));
            assertThat(state.subscriptions()).containsExactly(audit);
            assertThat(state.prepared()).isEmpty();
            assertThat(state.highestMessageId()).isEqualTo(5);
            List<StoredReference> refs = readAll(store, ORDERS_QUEUE, 2);
            assertThat(ids(refs)).containsExactly(1L, 2L, 3L, 5L);
            assertThat(refs.get(1).deliveryCount()).isEqualTo(3);
            assertThat(refs.get(0).deliveryCount()).isZero();
            assertThat(refs).extracting(StoredReference::redeliverAt).containsExactly(0L, 0L, 1_900_000_000_000L, 0L);
            assertThat(refs.get(2).message()).usingRecursiveComparison().isEqualTo(TestMessages.text("m3"));
        }
    }

    @Test
    void aMessageIsStoredOnceAndDeletedWithItsLastReference() {
        QueueId a = QueueId.ofQueue("a");
        QueueId b = QueueId.ofSubscription(null, "b");
        QueueId c = QueueId.ofSubscription("client", "c");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new AddMessage(1, TestMessages.text("fan-out")),
                    new AddReference(a, 1), new AddReference(b, 1), new AddReference(c, 1)));
            assertThat(store.storedMessageCount()).isEqualTo(1);

            applyAndWait(store, List.of(new RemoveReference(a, 1)));
            applyAndWait(store, List.of(new RemoveReference(b, 1)));
            assertThat(store.storedMessageCount()).isEqualTo(1);
            assertThat(ids(readAll(store, c, 10))).containsExactly(1L);

            applyAndWait(store, List.of(new RemoveReference(c, 1)));
            assertThat(store.storedMessageCount()).isZero();
        }
    }

    @Test
    void aReferenceAddedLaterToAStoredMessageKeepsItAlive() {
        QueueId a = QueueId.ofQueue("a");
        QueueId dlq = QueueId.ofQueue("DLQ");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, TestMessages.send(a, 1));
            // a move to a dead-letter queue: new reference, then the old one goes, in one batch
            applyAndWait(store, List.of(new AddReference(dlq, 1), new RemoveReference(a, 1)));
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(ids(readAll(store, dlq, 10))).containsExactly(1L);
            assertThat(readAll(store, a, 10)).isEmpty();
            applyAndWait(store, List.of(new RemoveReference(dlq, 1)));
            assertThat(store.storedMessageCount()).isZero();
        }
    }

    @Test
    void removingAQueueOrSubscriptionDropsItsReferencesAndOrphanedMessages() {
        DurableSubscriptionRecord sub = new DurableSubscriptionRecord(null, "s", "t", null, false, true);
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.AddDestination(TestMessages.ORDERS), new StoreOperation.AddSubscription(sub)));
            for (long id = 1; id <= 4; id++) {
                applyAndWait(store, List.of(new AddMessage(id, TestMessages.text("m" + id)),
                        new AddReference(ORDERS_QUEUE, id), new AddReference(sub.queueId(), id)));
            }
            applyAndWait(store, List.of(new StoreOperation.RemoveDestination(TestMessages.ORDERS)));
            assertThat(readAll(store, ORDERS_QUEUE, 10)).isEmpty();
            assertThat(store.storedMessageCount()).isEqualTo(4);

            applyAndWait(store, List.of(new StoreOperation.RemoveSubscription(sub)));
            assertThat(store.storedMessageCount()).isZero();
            assertThat(store.recover().destinations()).isEmpty();
            assertThat(store.recover().subscriptions()).isEmpty();
        }
    }

    @Test
    void anInvalidBatchIsRejectedWholeAndLaterBatchesStillApply() throws Exception {
        try (XodusMessageStore store = open(dir)) {
            var bad = store.apply(List.of(new AddMessage(1, TestMessages.text("x")), new AddReference(ORDERS_QUEUE, 1),
                    new AddReference(ORDERS_QUEUE, 99)));
            var good = store.apply(TestMessages.send(ORDERS_QUEUE, 2));

            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown message 99");
            good.get(10, TimeUnit.SECONDS);
            assertThat(ids(readAll(store, ORDERS_QUEUE, 10))).containsExactly(2L);
            assertThat(store.storedMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void cursorPagesInArrivalOrderAcrossManyPages() {
        List<Long> sent = new ArrayList<>();
        try (XodusMessageStore store = open(dir)) {
            List<StoreOperation> batch = new ArrayList<>();
            for (long id = 1; id <= 1000; id++) {
                batch.addAll(TestMessages.send(ORDERS_QUEUE, id));
                sent.add(id);
            }
            applyAndWait(store, batch);
            applyAndWait(store, TestMessages.send(QueueId.ofQueue("other"), 1001));
            assertThat(ids(readAll(store, ORDERS_QUEUE, 7))).containsExactlyElementsOf(sent);
            assertThat(readAll(store, QueueId.ofQueue("never-stored"), 7)).isEmpty();
        }
    }

    @Test
    void applyAfterCloseFails() {
        XodusMessageStore store = open(dir);
        store.close();

        assertThatThrownBy(() -> store.apply(TestMessages.send(ORDERS_QUEUE, 1)).get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
