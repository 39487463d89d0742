package org.messagestore.store.xodus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.messagestore.model.BodyType;
import org.messagestore.model.BranchXid;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.DurableSubscriptionRecord;
import org.messagestore.store.HeuristicOutcome;
import org.messagestore.store.PreparedTransaction;
import org.messagestore.store.QueueId;
import org.messagestore.store.StoreOperation;

class CodecRoundTripTest {

    @Test
    void everyHeaderAndEveryPropertyTypeSurvivesTheRoundTrip() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bool", true);
        properties.put("byte", (byte) -7);
        properties.put("short", (short) -300);
        properties.put("int", Integer.MIN_VALUE);
        properties.put("long", Long.MAX_VALUE);
        properties.put("float", Float.NaN);
        properties.put("double", -0.0d);
        properties.put("string", "h\u00e9llo \ud83d\ude00");
        properties.put("empty", "");
        properties.put("nullString", null);
        MessageData original = new MessageData("ID:42", 123L, "corr", new byte[] {1, 2, 3},
                new DestinationName(DestinationName.Kind.TEMPORARY_TOPIC, "t"), DestinationName.queue("replies"), "type",
                false, 9, 456L, 789L, properties, BodyType.MAP, new byte[] {9, 8, 7});

        MessageData decoded = roundTrip(original);

        // properties by equals(): Float.equals treats NaN as equal to itself, AssertJ's float comparator does not
        assertThat(decoded).usingRecursiveComparison().ignoringFields("properties").isEqualTo(original);
        assertThat(decoded.properties()).containsExactlyEntriesOf(properties);
        assertThat(decoded.properties().get("byte")).isInstanceOf(Byte.class);
        assertThat(decoded.properties().get("short")).isInstanceOf(Short.class);
        assertThat(decoded.properties().get("float")).isInstanceOf(Float.class);
        assertThat(decoded.properties()).containsEntry("nullString", null);
    }

    @Test
    void nullHeadersAndAbsentBodyStayNull() {
        MessageData original = new MessageData(null, 0, null, null, DestinationName.queue("q"), null, null, true, 0, 0, 0,
                Map.of(), BodyType.MESSAGE, null);

        MessageData decoded = roundTrip(original);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(original);
        assertThat(decoded.body()).isNull();
        assertThat(decoded.correlationIdBytes()).isNull();
    }

    @Test
    void emptyBodyStaysEmptyNotNull() {
        MessageData decoded = roundTrip(new MessageData(null, 0, null, new byte[0], DestinationName.queue("q"), null, null,
                true, 0, 0, 0, Map.of(), BodyType.BYTES, new byte[0]));

        assertThat(decoded.body()).isEmpty();
        assertThat(decoded.correlationIdBytes()).isEmpty();
    }

    @Test
    void everyBodyTypeAndDestinationKindRoundTrips() {
        for (BodyType type : BodyType.values()) {
            for (DestinationName.Kind kind : DestinationName.Kind.values()) {
                MessageData m = new MessageData(null, 0, null, null, new DestinationName(kind, "d"), null, null, true, 0, 0, 0,
                        Map.of(), type, null);
                assertThat(roundTrip(m)).usingRecursiveComparison().isEqualTo(m);
            }
        }
    }

    @Test
    void truncatedRecordIsReportedAsCorrupt() {
        byte[] bytes = MessageCodec.encode(TestMessages.text("x"));

        assertThatThrownBy(() -> MessageCodec.decode(bytes, bytes.length - 3))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("stored message");
    }

    @Test
    void preparedWorkXidAndSubscriptionRoundTrip() {
        DurableSubscriptionRecord sub = new DurableSubscriptionRecord(null, "audit", "prices", "a > 1", true, false);
        List<StoreOperation> work = List.of(
                new StoreOperation.AddMessage(5, TestMessages.text("five")),
                new StoreOperation.AddReference(QueueId.ofQueue("q"), 5),
                new StoreOperation.RemoveReference(QueueId.ofQueue("q"), 4),
                new StoreOperation.UpdateDeliveryCount(QueueId.ofQueue("q"), 3, 2),
                new StoreOperation.UpdateDeliveryCount(QueueId.ofQueue("q"), 6, 1, 1_900_000_000_000L),
                new StoreOperation.AddDestination(DestinationName.topic("prices")),
                new StoreOperation.RemoveDestination(DestinationName.queue("old")),
                new StoreOperation.AddSubscription(sub),
                new StoreOperation.RemoveSubscription(sub));
        BranchXid xid = new BranchXid(7, new byte[] {1, 2}, new byte[0]);

        byte[] encodedWork = OperationCodec.encodeWork(work);
        byte[] encodedXid = OperationCodec.encodeXid(xid);
        byte[] encodedSub = OperationCodec.encodeSubscription(sub);

        assertThat(OperationCodec.decodeWork(encodedWork, encodedWork.length)).usingRecursiveComparison().isEqualTo(work);
        assertThat(OperationCodec.decodeXid(encodedXid, encodedXid.length)).isEqualTo(xid);
        assertThat(OperationCodec.decodeSubscription(encodedSub, encodedSub.length)).isEqualTo(sub);

        byte[] prepared = OperationCodec.encodePrepared(new StoreOperation.PrepareTransaction(xid, work, 1_800_000_000_000L));
        assertThat(OperationCodec.isHeuristic(prepared, prepared.length)).isFalse();
        assertThat(OperationCodec.decodePrepared(xid, prepared, prepared.length)).usingRecursiveComparison()
                .isEqualTo(new PreparedTransaction(xid, work, 1_800_000_000_000L));
        byte[] untimed = encodedWork; // the form prepared work had before its time was kept
        assertThat(OperationCodec.decodePrepared(xid, untimed, untimed.length).preparedAt()).isZero();
        HeuristicOutcome outcome = new HeuristicOutcome(xid, true, 1_800_000_000_001L);
        byte[] heuristic = OperationCodec.encodeHeuristic(outcome);
        assertThat(OperationCodec.isHeuristic(heuristic, heuristic.length)).isTrue();
        assertThat(OperationCodec.decodeHeuristic(xid, heuristic, heuristic.length)).isEqualTo(outcome);
    }

    private static MessageData roundTrip(MessageData m) {
        byte[] bytes = MessageCodec.encode(m);
        return MessageCodec.decode(bytes, bytes.length);
    }
}
