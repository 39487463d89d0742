package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagestore.store.xodus.StoreTesting.applyAndWait;
import static org.messagestore.store.xodus.StoreTesting.ids;
import static org.messagestore.store.xodus.StoreTesting.open;
import static org.messagestore.store.xodus.TestMessages.ORDERS;
import static org.messagestore.store.xodus.TestMessages.ORDERS_QUEUE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagestore.model.BodyType;
import org.messagestore.model.BranchXid;
import org.messagestore.model.MessageData;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.MessageStore;
import org.messagestore.store.QueueId;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.ScheduleIndex.Key;
import org.messagestore.store.ScheduleIndex.Page;
import org.messagestore.store.StoreOperation;
import org.messagestore.store.StoreOperation.AddMessage;
import org.messagestore.store.StoreOperation.AddReference;
import org.messagestore.store.StoreOperation.RemoveReference;
import org.messagestore.store.StoredReference;

/** MessageStore#readScheduled: the delivery-time and expiration indexes of the Xodus store. */
class ScheduleIndexTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final ScheduleIndex DELIVERY = ScheduleIndex.DELIVERY_TIME;
    private static final ScheduleIndex EXPIRY = ScheduleIndex.EXPIRATION;
    private static final QueueId BILLING = QueueId.ofQueue("billing");

    @TempDir
    Path dir;

    // ids 1..6 in orders, 7 in billing; see the expectations in each test
    private void sendMixed(XodusMessageStore store) {
        applyAndWait(store, send(ORDERS_QUEUE, 1, message(T0 + 300, 0)));
        applyAndWait(store, send(ORDERS_QUEUE, 2, message(T0, 0)));
        applyAndWait(store, send(ORDERS_QUEUE, 3, message(T0 + 100, 0)));
        applyAndWait(store, send(ORDERS_QUEUE, 4, message(T0, T0 + 200)));
        applyAndWait(store, send(ORDERS_QUEUE, 5, message(T0 + 100, T0 + 500)));
        applyAndWait(store, send(ORDERS_QUEUE, 6, message(T0 + 100, 0)));
        applyAndWait(store, send(BILLING, 7, message(T0 + 50, 0)));
    }

    @Test
    void eachIndexReturnsWhatItHoldsInTimeThenPositionOrder() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);

            Page delayed = readAll(store, DELIVERY, ORDERS_QUEUE);
            assertThat(ids(delayed.references())).containsExactly(3L, 5L, 6L, 1L);
            assertThat(delayed.nextTime()).isEqualTo(Long.MAX_VALUE);
            assertThat(delayed.references()).extracting(r -> Key.of(DELIVERY, r)).isSorted();
            assertThat(delayed.references().get(0).message()).usingRecursiveComparison().isEqualTo(message(T0 + 100, 0));

            assertThat(ids(readAll(store, EXPIRY, ORDERS_QUEUE).references())).containsExactly(4L, 5L);
            assertThat(ids(readAll(store, DELIVERY, BILLING).references())).containsExactly(7L);
            assertThat(readAll(store, EXPIRY, BILLING)).isEqualTo(new Page(List.of(), Long.MAX_VALUE));
        }
    }

    @Test
    void positionsAreTheCursorPositionsAndDeliveryCountsAreCurrent() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);
            applyAndWait(store, List.of(new StoreOperation.UpdateDeliveryCount(ORDERS_QUEUE, 5, 2, 1_900_000_000_000L)));

            List<StoredReference> fromCursor = StoreTesting.readAll(store, ORDERS_QUEUE, 10);
            List<StoredReference> fromIndex = readAll(store, DELIVERY, ORDERS_QUEUE).references();
            for (StoredReference indexed : fromIndex) {
                StoredReference same = fromCursor.stream().filter(r -> r.messageId() == indexed.messageId()).findFirst().orElseThrow();
                assertThat(indexed.position()).isEqualTo(same.position());
                assertThat(indexed.deliveryCount()).isEqualTo(same.deliveryCount());
                assertThat(indexed.redeliverAt()).isEqualTo(same.redeliverAt());
            }
            assertThat(fromIndex).filteredOn(r -> r.messageId() == 5).singleElement()
                    .extracting(StoredReference::deliveryCount, StoredReference::redeliverAt)
                    .containsExactly(2, 1_900_000_000_000L);
        }
    }

    @Test
    void upToStopsTheReadAndNextTimeIsTheFirstTimeLeft() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);

            Page due = store.readScheduled(DELIVERY, ORDERS_QUEUE, Key.START, T0 + 100, 100);
            assertThat(ids(due.references())).containsExactly(3L, 5L, 6L);
            assertThat(due.nextTime()).isEqualTo(T0 + 300);

            Page none = store.readScheduled(DELIVERY, ORDERS_QUEUE, Key.START, T0 + 99, 100);
            assertThat(none.references()).isEmpty();
            assertThat(none.nextTime()).isEqualTo(T0 + 100);

            Page expired = store.readScheduled(EXPIRY, ORDERS_QUEUE, Key.START, T0 + 200, 100);
            assertThat(ids(expired.references())).containsExactly(4L);
            assertThat(expired.nextTime()).isEqualTo(T0 + 500);
        }
    }

    @Test
    void maxCutsTheReadShortAndNextTimeMayBeDueAlready() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);

            Page firstTwo = store.readScheduled(DELIVERY, ORDERS_QUEUE, Key.START, Long.MAX_VALUE, 2);
            assertThat(ids(firstTwo.references())).containsExactly(3L, 5L);
            assertThat(firstTwo.nextTime()).isEqualTo(T0 + 100);

            Page nothing = store.readScheduled(DELIVERY, ORDERS_QUEUE, Key.START, Long.MAX_VALUE, 0);
            assertThat(nothing.references()).isEmpty();
            assertThat(nothing.nextTime()).isEqualTo(T0 + 100);
        }
    }

    @Test
    void pagingAfterTheLastKeyReadsEveryReferenceOnceInKeyOrder() {
        try (XodusMessageStore store = open(dir)) {
            List<Long> expected = new ArrayList<>();
            List<Key> keys = new ArrayList<>();
            for (long id = 1; id <= 25; id++) {
                applyAndWait(store, send(ORDERS_QUEUE, id, message(T0 + 1 + (id * 7) % 5, 0)));
            }
            List<StoredReference> all = StoreTesting.readAll(store, ORDERS_QUEUE, 100);
            all.stream().sorted(Comparator.comparing(r -> Key.of(DELIVERY, r))).forEach(r -> {
                expected.add(r.messageId());
                keys.add(Key.of(DELIVERY, r));
            });

            List<Long> read = new ArrayList<>();
            Key after = Key.START;
            Page page;
            int pages = 0;
            do {
                assertThat(++pages).as("pages read").isLessThan(25); // a read that does not advance fails, not hangs
                page = store.readScheduled(DELIVERY, ORDERS_QUEUE, after, T0 + 3, 4);
                read.addAll(ids(page.references()));
                if (!page.references().isEmpty()) {
                    after = Key.of(DELIVERY, page.references().get(page.references().size() - 1));
                }
            } while (!page.references().isEmpty());
            List<Long> dueByT3 = all.stream().filter(r -> r.message().deliveryTime() <= T0 + 3)
                    .sorted(Comparator.comparing(r -> Key.of(DELIVERY, r))).map(StoredReference::messageId).toList();
            assertThat(read).isEqualTo(dueByT3);
            assertThat(page.nextTime()).isEqualTo(T0 + 4);

            // resuming from an exact key returns only what lies strictly after it
            Page rest = store.readScheduled(DELIVERY, ORDERS_QUEUE, keys.get(9), Long.MAX_VALUE, 100);
            assertThat(ids(rest.references())).isEqualTo(expected.subList(10, 25));
            assertThat(rest.nextTime()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void aRemovedReferenceLeavesBothIndexes() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);
            long entries = store.scheduleEntryCount();

            applyAndWait(store, List.of(new RemoveReference(ORDERS_QUEUE, 5), new RemoveReference(ORDERS_QUEUE, 3),
                    new RemoveReference(ORDERS_QUEUE, 2)));

            assertThat(ids(readAll(store, DELIVERY, ORDERS_QUEUE).references())).containsExactly(6L, 1L);
            assertThat(ids(readAll(store, EXPIRY, ORDERS_QUEUE).references())).containsExactly(4L);
            assertThat(store.scheduleEntryCount()).isEqualTo(entries - 3);
        }
    }

    @Test
    void anAddAndItsRemovalInOneFlushWriteNoIndexEntry() {
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new AddMessage(1, message(T0 + 100, T0 + 200)),
                    new AddReference(ORDERS_QUEUE, 1), new AddReference(BILLING, 1),
                    new RemoveReference(ORDERS_QUEUE, 1)));

            assertThat(store.statistics().elidedReferences()).isEqualTo(1);
            assertThat(readAll(store, DELIVERY, ORDERS_QUEUE).references()).isEmpty();
            assertThat(ids(readAll(store, DELIVERY, BILLING).references())).containsExactly(1L);
            assertThat(ids(readAll(store, EXPIRY, BILLING).references())).containsExactly(1L);
            assertThat(store.scheduleEntryCount()).isEqualTo(2);

            applyAndWait(store, List.of(new AddMessage(2, message(T0 + 100, T0 + 200)),
                    new AddReference(ORDERS_QUEUE, 2), new RemoveReference(ORDERS_QUEUE, 2)));
            assertThat(store.statistics().elidedMessages()).isEqualTo(1);
            assertThat(store.scheduleEntryCount()).isEqualTo(2);
        }
    }

    @Test
    void droppingAQueueOrSubscriptionDropsItsEntriesOnly() {
        DurableSubscriptionRecord audit = new DurableSubscriptionRecord(null, "audit", "prices", null, false, true);
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new StoreOperation.AddDestination(ORDERS), new StoreOperation.AddSubscription(audit)));
            sendMixed(store);
            applyAndWait(store, send(audit.queueId(), 8, message(T0 + 10, T0 + 20)));
            // a reference added in the flush that drops its queue goes with the queue
            applyAndWait(store, List.of(new AddMessage(9, message(T0 + 1, 0)), new AddReference(ORDERS_QUEUE, 9),
                    new AddReference(audit.queueId(), 9), new StoreOperation.RemoveDestination(ORDERS)));

            assertThat(readAll(store, DELIVERY, ORDERS_QUEUE).references()).isEmpty();
            assertThat(readAll(store, EXPIRY, ORDERS_QUEUE).references()).isEmpty();
            assertThat(ids(readAll(store, DELIVERY, BILLING).references())).containsExactly(7L);
            assertThat(ids(readAll(store, DELIVERY, audit.queueId()).references())).containsExactly(9L, 8L);

            applyAndWait(store, List.of(new StoreOperation.RemoveSubscription(audit)));
            assertThat(readAll(store, DELIVERY, audit.queueId()).references()).isEmpty();
            assertThat(store.scheduleEntryCount()).isEqualTo(1);
        }
    }

    @Test
    void aTopicMessageStaysIndexedInTheSubscriptionThatStillHoldsIt() {
        QueueId first = QueueId.ofSubscription("c1", "first");
        QueueId second = QueueId.ofSubscription("c1", "second");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, List.of(new AddMessage(1, message(T0 + 100, T0 + 900)),
                    new AddReference(first, 1), new AddReference(second, 1)));
            applyAndWait(store, List.of(new RemoveReference(first, 1)));

            assertThat(readAll(store, EXPIRY, first).references()).isEmpty();
            assertThat(readAll(store, DELIVERY, first).references()).isEmpty();
            assertThat(ids(readAll(store, EXPIRY, second).references())).containsExactly(1L);
            assertThat(ids(readAll(store, DELIVERY, second).references())).containsExactly(1L);
            assertThat(store.scheduleEntryCount()).isEqualTo(2);
        }
    }

    @Test
    void aReferenceAddedLaterToAStoredMessageIsIndexed() {
        QueueId dlq = QueueId.ofQueue("DLQ");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, send(ORDERS_QUEUE, 1, message(T0, T0 + 900)));
            applyAndWait(store, List.of(new AddReference(dlq, 1), new RemoveReference(ORDERS_QUEUE, 1)));

            assertThat(readAll(store, EXPIRY, ORDERS_QUEUE).references()).isEmpty();
            assertThat(ids(readAll(store, EXPIRY, dlq).references())).containsExactly(1L);
            assertThat(store.scheduleEntryCount()).isEqualTo(1);
        }
    }

    @Test
    void committingPreparedWorkIndexesItsReferencesAndRollingBackDoesNot() {
        BranchXid committed = new BranchXid(1, new byte[] {1}, new byte[] {1});
        BranchXid rolledBack = new BranchXid(1, new byte[] {2}, new byte[] {1});
        QueueId dlq = QueueId.ofQueue("DLQ");
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, send(ORDERS_QUEUE, 1, message(T0 + 50, 0)));
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(committed, List.of(
                    new AddMessage(2, message(T0 + 100, T0 + 200)), new AddReference(ORDERS_QUEUE, 2),
                    new AddReference(dlq, 1)))));
            applyAndWait(store, List.of(new StoreOperation.PrepareTransaction(rolledBack, send(ORDERS_QUEUE, 3, message(T0 + 10, 0)))));
            assertThat(ids(readAll(store, DELIVERY, ORDERS_QUEUE).references())).containsExactly(1L);

            applyAndWait(store, List.of(new StoreOperation.CommitPrepared(committed), new StoreOperation.RollbackPrepared(rolledBack)));

            assertThat(ids(readAll(store, DELIVERY, ORDERS_QUEUE).references())).containsExactly(1L, 2L);
            assertThat(ids(readAll(store, EXPIRY, ORDERS_QUEUE).references())).containsExactly(2L);
            assertThat(ids(readAll(store, DELIVERY, dlq).references())).containsExactly(1L);
        }
    }

    @Test
    void theIndexesSurviveAReopenAndRemovalsAfterIt() {
        try (XodusMessageStore store = open(dir)) {
            sendMixed(store);
        }
        try (XodusMessageStore store = open(dir)) {
            assertThat(ids(readAll(store, DELIVERY, ORDERS_QUEUE).references())).containsExactly(3L, 5L, 6L, 1L);
            assertThat(ids(readAll(store, EXPIRY, ORDERS_QUEUE).references())).containsExactly(4L, 5L);
            assertThat(ids(readAll(store, DELIVERY, BILLING).references())).containsExactly(7L);

            applyAndWait(store, List.of(new RemoveReference(ORDERS_QUEUE, 5), new RemoveReference(BILLING, 7)));
            assertThat(ids(readAll(store, DELIVERY, ORDERS_QUEUE).references())).containsExactly(3L, 6L, 1L);
            assertThat(ids(readAll(store, EXPIRY, ORDERS_QUEUE).references())).containsExactly(4L);
            assertThat(store.scheduleEntryCount()).isEqualTo(4);
        }
    }

    @Test
    void messagesWithoutDelayOrExpirationAreInNeitherIndex() {
        try (XodusMessageStore store = open(dir)) {
            for (long id = 1; id <= 20; id++) {
                applyAndWait(store, send(ORDERS_QUEUE, id, message(T0, 0)));
            }
            // timestamps disabled and no delay: delivery time 0 is not after timestamp 0
            applyAndWait(store, send(ORDERS_QUEUE, 21, new MessageData(null, 0, null, null, ORDERS, null, null, true, 4, 0, 0,
                    Map.of(), BodyType.BYTES, new byte[0])));
            applyAndWait(store, TestMessages.send(ORDERS_QUEUE, 22));

            assertThat(store.scheduleEntryCount()).isZero();
            assertThat(readAll(store, DELIVERY, ORDERS_QUEUE)).isEqualTo(new Page(List.of(), Long.MAX_VALUE));
            assertThat(readAll(store, EXPIRY, ORDERS_QUEUE)).isEqualTo(new Page(List.of(), Long.MAX_VALUE));
            assertThat(readAll(store, DELIVERY, QueueId.ofQueue("never-stored"))).isEqualTo(new Page(List.of(), Long.MAX_VALUE));
        }
    }

    @Test
    void aTimeBeforeTheEpochIsReadFirstAndPagingPastItWorks() {
        try (XodusMessageStore store = open(dir)) {
            applyAndWait(store, send(ORDERS_QUEUE, 1, message(T0, T0 + 5)));
            applyAndWait(store, send(ORDERS_QUEUE, 2, message(T0, -5)));
            applyAndWait(store, send(ORDERS_QUEUE, 3, message(T0, 1)));

            Page first = store.readScheduled(EXPIRY, ORDERS_QUEUE, Key.START, Long.MAX_VALUE, 1);
            assertThat(ids(first.references())).containsExactly(2L);
            Page rest = store.readScheduled(EXPIRY, ORDERS_QUEUE, Key.of(EXPIRY, first.references().get(0)), Long.MAX_VALUE, 10);
            assertThat(ids(rest.references())).containsExactly(3L, 1L);
        }
    }

    private static Page readAll(MessageStore store, ScheduleIndex index, QueueId queue) {
        return store.readScheduled(index, queue, Key.START, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private static List<StoreOperation> send(QueueId queue, long id, MessageData message) {
        return List.of(new AddMessage(id, message), new AddReference(queue, id));
    }

    /** A message sent at T0 with the given JMSDeliveryTime and JMSExpiration (0 = never). */
    private static MessageData message(long deliveryTime, long expiration) {
        String text = "due " + deliveryTime + " expires " + expiration;
        return new MessageData("ID:" + text, T0, null, null, ORDERS, null, null, true, 4, expiration, deliveryTime,
                Map.of("n", text), BodyType.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
}
