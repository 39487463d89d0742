package org.messagestore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BodyType;
import org.messagestore.model.BranchXid;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.RecoveredState;
import org.messagestore.store.ReferenceCursor;
import org.messagestore.store.StoreOperation.AddDestination;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.AddSubscription;
import org.messagestore.store.StoreOperation.CommitPrepared;
import org.messagestore.store.StoreOperation.PrepareTransaction;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoreOperation.RemoveSubscription;
import org.messagestore.store.StoreOperation.RollbackPrepared;
import org.messagestore.store.StoreOperation.UpdateDeliveryCount;
import org.messagestore.store.StoredReference;

/** The in-memory store keeps the store SPI's contract: shared bodies, atomic batches, prepared work. */
class InMemoryStoreTest {

    private static final QueueId ORDERS = QueueId.ofQueue("orders");
    private static final QueueId AUDIT = QueueId.ofSubscription("app", "audit");

    private final InMemoryStore store = new InMemoryStore();

    @AfterEach
    void close() {
        store.close();
    }

    private static MessageData message(String body) {
        return new MessageData("ID:" + body, 0, null, null, DestinationName.queue("orders"), null, null, true, 4, 0, 0,
                Map.of(), BodyType.TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    private List<StoredReference> pending(QueueId queue) {
        try (ReferenceCursor cursor = store.openCursor(queue, MessageStore.FROM_START)) {
            return cursor.next(100);
        }
    }

    @Test
    void aBodyIsStoredOnceAndDeletedWithItsLastReference() {
        store.apply(List.of(new AddMessage(1, message("m")), new AddReference(ORDERS, 1), new AddReference(AUDIT, 1))).join();
        assertThat(store.storedMessageCount()).isEqualTo(1);

        store.apply(List.of(new RemoveReference(ORDERS, 1))).join();
        assertThat(store.storedMessageCount()).isEqualTo(1);
        store.apply(List.of(new RemoveReference(AUDIT, 1))).join();
        assertThat(store.storedMessageCount()).isZero();
    }

    @Test
    void referencesComeBackInOrderWithDeliveryCountsAPageAtATime() {
        for (long id = 1; id <= 3; id++) {
            store.apply(List.of(new AddMessage(id, message("m" + id)), new AddReference(ORDERS, id))).join();
        }
        store.apply(List.of(new UpdateDeliveryCount(ORDERS, 2, 3))).join();

        try (ReferenceCursor cursor = store.openCursor(ORDERS, MessageStore.FROM_START)) {
            assertThat(cursor.next(2)).extracting(StoredReference::messageId, StoredReference::deliveryCount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0), org.assertj.core.groups.Tuple.tuple(2L, 3));
            assertThat(cursor.next(2)).extracting(StoredReference::messageId).containsExactly(3L);
            assertThat(cursor.next(2)).isEmpty();
        }
        assertThat(store.recover().highestMessageId()).isEqualTo(3);
    }

    @Test
    void aFailingBatchAppliesNothing() {
        var result = store.apply(List.of(new AddMessage(1, message("m")), new AddReference(ORDERS, 1), new AddReference(ORDERS, 99)));

        assertThat(result).isCompletedExceptionally();
        assertThat(store.storedMessageCount()).isZero();
        assertThat(pending(ORDERS)).isEmpty();
    }

    @Test
    void destinationsAndSubscriptionsAreRecovered() {
        var record = new DurableSubscriptionRecord("app", "audit", "news", null, true, false);
        store.apply(List.of(new AddDestination(DestinationName.topic("news")), new AddSubscription(record))).join();

        RecoveredState state = store.recover();

        assertThat(state.destinations()).containsExactly(DestinationName.topic("news"));
        assertThat(state.subscriptions()).containsExactly(record);
    }

    @Test
    void removingASubscriptionDropsItsReferences() {
        var record = new DurableSubscriptionRecord("app", "audit", "news", null, false, false);
        store.apply(List.of(new AddSubscription(record), new AddMessage(1, message("m")), new AddReference(AUDIT, 1))).join();

        store.apply(List.of(new RemoveSubscription(record))).join();

        assertThat(store.recover().subscriptions()).isEmpty();
        assertThat(store.storedMessageCount()).isZero();
    }

    @Test
    void preparedWorkIsReportedAndAppliedOnlyOnCommit() {
        BranchXid xid = new BranchXid(1, new byte[] {1}, new byte[] {2});
        store.apply(List.of(new PrepareTransaction(xid, List.of(new AddMessage(1, message("m")), new AddReference(ORDERS, 1))))).join();

        assertThat(store.recover().prepared()).singleElement().satisfies(tx -> assertThat(tx.xid()).isEqualTo(
                new BranchXid(1, new byte[] {1}, new byte[] {2})));
        assertThat(pending(ORDERS)).isEmpty();

        store.apply(List.of(new CommitPrepared(xid))).join();

        assertThat(store.recover().prepared()).isEmpty();
        assertThat(pending(ORDERS)).extracting(StoredReference::messageId).containsExactly(1L);
    }

    @Test
    void rolledBackPreparedWorkIsForgotten() {
        BranchXid xid = new BranchXid(1, new byte[] {7}, new byte[] {8});
        store.apply(List.of(new PrepareTransaction(xid, List.of(new AddMessage(1, message("m")), new AddReference(ORDERS, 1))))).join();

        store.apply(List.of(new RollbackPrepared(xid))).join();

        assertThat(store.recover().prepared()).isEmpty();
        assertThat(pending(ORDERS)).isEmpty();
        assertThat(store.apply(List.of(new CommitPrepared(xid)))).isCompletedExceptionally();
    }

    @Test
    void aPreparedSendsMessageIdCountsAsTakenAfterARestart() {
        BranchXid xid = new BranchXid(1, new byte[] {3}, new byte[] {4});
        store.apply(List.of(new PrepareTransaction(xid, List.of(new AddMessage(42, message("m")), new AddReference(ORDERS, 42))))).join();

        assertThat(store.recover().highestMessageId()).isEqualTo(42);
    }

    @Test
    void aBatchResolvingOneBranchTwiceAppliesNothing() {
        BranchXid xid = new BranchXid(1, new byte[] {5}, new byte[] {6});
        store.apply(List.of(new PrepareTransaction(xid, List.of(new AddMessage(1, message("m")), new AddReference(ORDERS, 1))))).join();

        assertThat(store.apply(List.of(new CommitPrepared(xid), new CommitPrepared(xid)))).isCompletedExceptionally();

        assertThat(store.recover().prepared()).hasSize(1);
        assertThat(pending(ORDERS)).isEmpty();
    }

    @Test
    void queueKeysOfQueuesAndSubscriptionsNeverCollide() {
        assertThat(QueueId.ofSubscription("a/b", "c")).isNotEqualTo(QueueId.ofSubscription("a", "b/c"));
        assertThat(QueueId.ofSubscription(null, "x")).isNotEqualTo(QueueId.ofSubscription("", "x"));
        assertThat(QueueId.ofQueue("s/-/x")).isNotEqualTo(QueueId.ofSubscription(null, "x"));
    }

    @Test
    void aFreshCursorResumesAfterTheLastPositionAndSeesLaterReferences() {
        for (long id = 1; id <= 3; id++) {
            store.apply(List.of(new AddMessage(id, message("m" + id)), new AddReference(ORDERS, id))).join();
        }
        long last;
        try (ReferenceCursor cursor = store.openCursor(ORDERS, MessageStore.FROM_START)) {
            List<StoredReference> first = cursor.next(2);
            assertThat(first).extracting(StoredReference::messageId).containsExactly(1L, 2L);
            assertThat(first.get(1).position()).isGreaterThan(first.get(0).position());
            last = first.get(1).position();
        }
        store.apply(List.of(new AddMessage(4, message("m4")), new AddReference(ORDERS, 4))).join();
        store.apply(List.of(new RemoveReference(ORDERS, 3))).join();

        try (ReferenceCursor cursor = store.openCursor(ORDERS, last)) {
            assertThat(cursor.next(10)).extracting(StoredReference::messageId).containsExactly(4L);
        }
    }
}
