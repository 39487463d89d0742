package org.messagestore.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BodyType;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.ScheduleIndex;
import org.messagestore.store.StoredReference;

/**
 * The bookkeeping that lets every delayed message of a durable queue enter memory exactly once, by
 * an index read or by its write completion, whatever order they come in ({@link DelayedDeliveries}).
 */
class DelayedDeliveriesTest {

    private static final DestinationName ORDERS = DestinationName.queue("orders");
    private static final long T0 = 1_000_000;

    /** A new queue's; tests that start with a read use a recovered queue's, which reads at once. */
    private DelayedDeliveries delayed = DelayedDeliveries.empty();

    /** A persistent message sent at T0 - 10 s with the given delivery time. */
    private static MessageReference reference(long id, long deliveryTime) {
        MessageData data = new MessageData("ID:m" + id, T0 - 10_000, null, null, ORDERS, null, null, true, 4, 0,
                deliveryTime, Map.of(), BodyType.TEXT, null);
        return new MessageReference(new BrokerMessage(id, data, null, null), 0);
    }

    private static StoredReference stored(long id, long deliveryTime, long position) {
        return new StoredReference(position, id, reference(id, deliveryTime).message().data(), 0);
    }

    private static List<Long> ids(List<MessageReference> references) {
        return references.stream().map(r -> r.message().storeId()).toList();
    }

    /** Runs one index read that returns {@code read} (and nothing after it). */
    private List<MessageReference> read(long now, int max, List<StoredReference> read, long nextTime) {
        assertThat(delayed.shouldRead(now, max)).isTrue();
        DelayedDeliveries.ReadRequest request = delayed.startRead(now, max);
        return delayed.readDone(request, new ScheduleIndex.Page(read, nextTime));
    }

    @Test
    void aDelayedArrivalWaitsInTheStoreAndIsReadWhenDue() {
        delayed.writeStarted(1);
        assertThat(delayed.arrived(reference(1, T0 + 500))).isFalse();
        assertThat(delayed.nextDue()).isEqualTo(T0 + 500);
        assertThat(delayed.shouldRead(T0, 10)).as("not due yet").isFalse();

        assertThat(ids(read(T0 + 500, 10, List.of(stored(1, T0 + 500, 7)), Long.MAX_VALUE))).containsExactly(1L);
        assertThat(delayed.nextDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anArrivalBehindTheWatermarkEntersAtOnceSinceNoReadWillReturnIt() {
        delayed = DelayedDeliveries.recovered(Set.of());
        read(T0, 10, List.of(), Long.MAX_VALUE);
        delayed.writeStarted(2);
        assertThat(delayed.arrived(reference(2, T0 - 5))).isTrue();
        assertThat(delayed.arrived(reference(3, T0))).as("at the watermark's time, which covered all of it").isTrue();
        assertThat(delayed.arrived(reference(4, T0 + 1))).isFalse();
    }

    @Test
    void aReferenceReadBeforeItsWriteCompletionRunsEntersOnlyOnce() {
        delayed = DelayedDeliveries.recovered(Set.of());
        delayed.writeStarted(5);
        List<MessageReference> admitted = read(T0, 10, List.of(stored(5, T0 - 1, 3)), Long.MAX_VALUE);
        assertThat(ids(admitted)).containsExactly(5L);
        assertThat(delayed.arrived(reference(5, T0 - 1))).as("the read took it in already").isFalse();
        assertThat(delayed.nextDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anArrivalDuringAReadIsTakenInWhenTheReadHandsOverUnlessTheReadReturnedIt() {
        delayed.arrived(reference(9, T0 - 100)); // lowers nextDue so a read is due
        assertThat(delayed.shouldRead(T0, 10)).isTrue();
        DelayedDeliveries.ReadRequest request = delayed.startRead(T0, 10);
        delayed.writeStarted(10);
        delayed.writeStarted(11);
        delayed.writeStarted(12);
        assertThat(delayed.arrived(reference(10, T0 - 1))).isFalse(); // committed after the read began: missed by it
        assertThat(delayed.arrived(reference(11, T0 - 2))).isFalse(); // committed before: the read returns it
        assertThat(delayed.arrived(reference(12, T0 + 50))).isFalse(); // due later than the read looks

        List<MessageReference> admitted = delayed.readDone(request,
                new ScheduleIndex.Page(List.of(stored(9, T0 - 100, 1), stored(11, T0 - 2, 2)), Long.MAX_VALUE));

        assertThat(ids(admitted)).containsExactlyInAnyOrder(9L, 11L, 10L);
        assertThat(delayed.nextDue()).as("the later arrival keeps its wake-up").isEqualTo(T0 + 50);
    }

    @Test
    void aReadCutShortLeavesTheRestOfThatTimeForTheNextRead() {
        delayed.arrived(reference(1, T0 - 10));
        List<MessageReference> first = read(T0, 1, List.of(stored(1, T0 - 10, 1)), T0 - 10);
        assertThat(ids(first)).containsExactly(1L);
        assertThat(delayed.nextDue()).as("more is due now").isEqualTo(T0 - 10);
        delayed.writeStarted(2);
        assertThat(delayed.arrived(reference(2, T0 - 10))).as("same time as the watermark's key: a later read returns it").isFalse();

        List<MessageReference> second = read(T0, 5, List.of(stored(2, T0 - 10, 2)), Long.MAX_VALUE);
        assertThat(ids(second)).containsExactly(2L);
    }

    @Test
    void aReferencePutBackAheadOfTheWatermarkIsNotReadAgain() {
        delayed = DelayedDeliveries.recovered(Set.of());
        MessageReference back = reference(20, T0 + 100);
        delayed.reentered(back);
        List<MessageReference> admitted = read(T0 + 100, 10, List.of(stored(20, T0 + 100, 4), stored(21, T0 + 100, 5)), Long.MAX_VALUE);
        assertThat(ids(admitted)).containsExactly(21L);
    }

    @Test
    void aFailedReadLeavesWhatArrivedMeanwhileForTheNextOne() {
        delayed.arrived(reference(1, T0 - 10));
        assertThat(delayed.shouldRead(T0, 10)).isTrue();
        delayed.startRead(T0, 10);
        delayed.writeStarted(2);
        delayed.arrived(reference(2, T0 - 5));
        delayed.readFailed();
        assertThat(delayed.nextDue()).isLessThanOrEqualTo(T0 - 5);
        assertThat(delayed.shouldRead(T0, 10)).isTrue();
    }

    @Test
    void onlyReferencesNoReadTookInAndNoCompletionIsAboutToBringCountAsWaitingInTheStore() {
        DelayedDeliveries recovered = DelayedDeliveries.recovered(Set.of(30L));
        assertThat(recovered.waitingInStore(stored(31, T0, 1))).isTrue();
        assertThat(recovered.waitingInStore(stored(30, T0, 2))).as("locked by a prepared branch").isFalse();
        recovered.writeStarted(32);
        assertThat(recovered.waitingInStore(stored(32, T0, 3))).as("its completion is still to run").isFalse();
        assertThat(recovered.shouldRead(T0, 10)).as("a recovered queue reads at once").isTrue();
        DelayedDeliveries.ReadRequest request = recovered.startRead(T0, 10);
        recovered.readDone(request, new ScheduleIndex.Page(List.of(stored(31, T0, 1)), Long.MAX_VALUE));
        assertThat(recovered.waitingInStore(stored(31, T0, 1))).as("taken in").isFalse();
    }
}
