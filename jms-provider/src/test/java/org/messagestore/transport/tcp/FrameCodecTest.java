package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.TransactionRolledBackException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.messagestore.model.BodyType;
import org.messagestore.model.BranchXid;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.AdminResult;
import org.messagestore.model.Delivery;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.HandshakeFrame;
import org.messagestore.protocol.MalformedFrameException;
import org.messagestore.protocol.PushFrame;
import org.messagestore.protocol.RemoteExceptions;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.ResponseFrame;

class FrameCodecTest {

    static MessageData fullMessage() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bool", true);
        properties.put("byte", (byte) -7);
        properties.put("short", (short) 1234);
        properties.put("int", Integer.MIN_VALUE);
        properties.put("long", Long.MAX_VALUE);
        properties.put("float", 1.5f);
        properties.put("double", Double.NaN);
        properties.put("string", "héllo wörld €");
        properties.put("nullString", null);
        properties.put("surrogates", "a\uD83D\uDE00b\uD800c"); // a pair and an unpaired high surrogate
        properties.put("empty", "");
        return new MessageData("ID:abc-1", 1_700_000_000_000L, "corr", new byte[] {1, 2, 3},
                DestinationName.queue("orders"), new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, "temp-1"),
                "type", true, 9, 1_800_000_000_000L, 1_700_000_000_500L, properties, BodyType.MAP, new byte[] {0, -1, 127});
    }

    static MessageData minimalMessage() {
        return new MessageData(null, 0, null, null, DestinationName.topic("t"), null, null, false, 0, 0, 0, Map.of(),
                BodyType.MESSAGE, null);
    }

    static Stream<Frame> everyFrame() {
        var spec = new ConsumerSpec(5, 2, DestinationName.topic("news"), "a > 1", true, "sub", true, true, 100);
        var plainSpec = new ConsumerSpec(6, 2, DestinationName.queue("q"), null, false, null, false, false, 0);
        var temp = new DestinationName(DestinationName.Kind.TEMPORARY_TOPIC, "temp-t");
        return Stream.of(
                new HandshakeFrame.Hello(FrameCodec.VERSION, "alice", "secret", 5000, 1 << 20),
                new HandshakeFrame.Hello(FrameCodec.VERSION, null, null, 5000, 1 << 20),
                new HandshakeFrame.Welcome("broker-connection-1", 3000, 1 << 20),
                new RequestFrame.SetClientId(1, "client-a"),
                new RequestFrame.CreateSession(2, 7, true),
                new RequestFrame.CloseSession(3, 7),
                new RequestFrame.CreateConsumer(4, spec),
                new RequestFrame.CreateConsumer(4, plainSpec),
                new RequestFrame.CloseConsumer(5, 5),
                new RequestFrame.Send(6, 7, fullMessage()),
                new RequestFrame.Send(6, 7, minimalMessage()),
                new RequestFrame.PipelinedSend(6, 7, fullMessage()),
                new RequestFrame.Consumed(0, 5, 99),
                new RequestFrame.Pull(0, 5),
                new RequestFrame.Drain(7, 5),
                new RequestFrame.Acknowledge(8, 7),
                new RequestFrame.LazyAcknowledge(0, 7),
                new RequestFrame.Commit(9, 7),
                new RequestFrame.Rollback(10, 7),
                new RequestFrame.Unsubscribe(11, "sub"),
                new RequestFrame.CreateBrowser(12, 3, 7, DestinationName.queue("q"), "x = 'y'"),
                new RequestFrame.CreateBrowser(12, 3, 7, DestinationName.queue("q"), null),
                new RequestFrame.BrowseNext(13, 3, 50),
                new RequestFrame.CloseBrowser(0, 3),
                new RequestFrame.SetStarted(14, true),
                new RequestFrame.CreateTemporary(14, temp),
                new RequestFrame.DeleteTemporary(15, temp),
                new RequestFrame.CloseConnection(16),
                new RequestFrame.XaStart(20, 7, xid(), javax.transaction.xa.XAResource.TMJOIN),
                new RequestFrame.XaEnd(21, 7, xid(), javax.transaction.xa.XAResource.TMSUSPEND),
                new RequestFrame.XaPrepare(22, xid()),
                new RequestFrame.XaCommit(23, xid(), true),
                new RequestFrame.XaRollback(24, new BranchXid(0, new byte[] {1}, new byte[0])),
                new RequestFrame.XaRecover(25),
                new RequestFrame.XaForget(26, xid()),
                new ResponseFrame.Ok(17),
                new ResponseFrame.BrowseResult(18, List.of(fullMessage(), minimalMessage())),
                new ResponseFrame.BrowseResult(18, List.of()),
                new ResponseFrame.Failure(19, "jakarta.jms.InvalidClientIDException", "in use", "E42"),
                new ResponseFrame.Failure(19, "jakarta.jms.JMSException", null, null),
                new ResponseFrame.XaVote(27, javax.transaction.xa.XAResource.XA_RDONLY),
                new ResponseFrame.XaRecovered(28, List.of(xid(), new BranchXid(-1, new byte[64], new byte[64]))),
                new ResponseFrame.XaRecovered(28, List.of()),
                new ResponseFrame.XaFailure(29, javax.transaction.xa.XAException.XAER_NOTA, "unknown branch"),
                new ResponseFrame.XaFailure(29, javax.transaction.xa.XAException.XA_RBROLLBACK, null),
                new PushFrame.DeliveryPush(new Delivery(5, 1234, fullMessage(), 3)),
                new PushFrame.DiscardBuffered(5),
                new PushFrame.ConnectionFailed("jakarta.jms.JMSException", "broker shut down"),
                new PushFrame.Heartbeat(),
                new RequestFrame.Admin(30, "queue.move", Map.of("name", "orders", "to", "orders.retry", "selector", "x > 1")),
                new RequestFrame.Admin(30, "status", Map.of()),
                new ResponseFrame.AdminAnswer(30, adminResult()),
                new ResponseFrame.AdminAnswer(30, new AdminResult(List.of(), List.of())),
                new PushFrame.AdminProgressPush(30, 1_000, 100_000),
                new PushFrame.AdminProgressPush(30, 7, -1));
    }

    static AdminResult adminResult() {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("name", "orders");
        row.put("depth", 12L);
        row.put("consumers", 2);
        row.put("rate", 1.5);
        row.put("paused", false);
        row.put("clientId", null);
        return new AdminResult(List.copyOf(row.keySet()), List.of(row, row));
    }

    static BranchXid xid() {
        return new BranchXid(0x1234, "gtrid-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[] {9, 8, 7});
    }

    @Test
    void xidPartsLongerThanTheXaLimitAreMalformed() {
        byte[] frame = encoded(new RequestFrame.XaPrepare(1, new BranchXid(1, new byte[64], new byte[1])));
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(frame[0]).writeLong(1).writeInt(1).writeInt(65).writeBytes(new byte[65]).writeInt(0);
        assertMalformed(toBytes(buf), "global transaction id");
    }

    @ParameterizedTest
    @MethodSource("everyFrame")
    void everyFrameSurvivesARoundTrip(Frame frame) {
        byte[] bytes = encoded(frame);
        Frame decoded = FrameCodec.decode(Unpooled.wrappedBuffer(bytes));
        assertThat(decoded).isExactlyInstanceOf(frame.getClass());
        // MessageData holds arrays, which records compare by identity: compare the re-encoded bytes,
        // and the fields without arrays directly.
        assertThat(encoded(decoded)).isEqualTo(bytes);
        if (!containsMessage(frame)) {
            assertThat(decoded).isEqualTo(frame);
        }
    }

    private static boolean containsMessage(Frame frame) {
        return frame instanceof RequestFrame.Send || frame instanceof RequestFrame.PipelinedSend
                || frame instanceof ResponseFrame.BrowseResult
                || frame instanceof PushFrame.DeliveryPush;
    }

    @Test
    void messageFieldsSurviveARoundTrip() {
        MessageData original = fullMessage();
        var decoded = ((PushFrame.DeliveryPush) FrameCodec.decode(Unpooled.wrappedBuffer(
                encoded(new PushFrame.DeliveryPush(new Delivery(5, 6, original, 2)))))).delivery();
        assertThat(decoded.consumerId()).isEqualTo(5);
        assertThat(decoded.deliveryId()).isEqualTo(6);
        assertThat(decoded.deliveryCount()).isEqualTo(2);
        MessageData m = decoded.message();
        assertThat(m.correlationIdBytes()).containsExactly(original.correlationIdBytes());
        assertThat(m.body()).containsExactly(original.body());
        assertThat(new MessageData(m.messageId(), m.timestamp(), m.correlationId(), null, m.destination(), m.replyTo(),
                m.type(), m.persistent(), m.priority(), m.expiration(), m.deliveryTime(), m.properties(), m.bodyType(), null))
                .isEqualTo(new MessageData(original.messageId(), original.timestamp(), original.correlationId(), null,
                        original.destination(), original.replyTo(), original.type(), original.persistent(),
                        original.priority(), original.expiration(), original.deliveryTime(), original.properties(),
                        original.bodyType(), null));
    }

    @Test
    void theSamplesCoverEveryFrameRecord() {
        Set<Class<?>> records = new HashSet<>();
        collectRecords(Frame.class, records);
        Set<Class<?>> sampled = new HashSet<>();
        everyFrame().forEach(f -> sampled.add(f.getClass()));
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(records);
        assertThat(records).hasSize(44);
    }

    private static void collectRecords(Class<?> type, Set<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
        } else {
            Arrays.stream(type.getPermittedSubclasses()).forEach(sub -> collectRecords(sub, into));
        }
    }

    @Test
    void propertiesKeepTheirTypesOrderAndNullStrings() {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(new RequestFrame.Send(1, 1, fullMessage()), buf);
        var decoded = ((RequestFrame.Send) FrameCodec.decode(buf)).message();
        assertThat(decoded.properties()).containsExactlyEntriesOf(fullMessage().properties());
        assertThat(decoded.properties()).containsKey("nullString");
        assertThat(decoded.properties().get("nullString")).isNull();
        assertThat(decoded.properties().get("short")).isInstanceOf(Short.class);
        assertThat(decoded.properties().get("surrogates")).isEqualTo("a\uD83D\uDE00b\uD800c");
    }

    @Test
    void remoteExceptionsAreRebuiltAsTheSameJmsType() {
        for (JMSException original : List.of(new InvalidClientIDException("taken", "C1"),
                new JMSSecurityException("no"), new TransactionRolledBackException("rolled back"), new JMSException("plain"))) {
            JMSException rebuilt = RemoteExceptions.rebuild(RemoteExceptions.failure(1, original));
            assertThat(rebuilt).isExactlyInstanceOf(original.getClass()).hasMessage(original.getMessage());
            assertThat(rebuilt.getErrorCode()).isEqualTo(original.getErrorCode());
        }
        JMSException unknown = RemoteExceptions.rebuild(new ResponseFrame.Failure(1, "com.evil.Gadget", "boom", null));
        assertThat(unknown).isExactlyInstanceOf(JMSException.class).hasMessageContaining("com.evil.Gadget").hasMessageContaining("boom");
    }

    @Test
    void unknownFrameTypeIsMalformed() {
        assertMalformed(bytes(0x7F, 0, 0, 0, 0, 0, 0, 0, 1), "unknown frame type");
    }

    @Test
    void truncatedFrameIsMalformed() {
        byte[] whole = encoded(new RequestFrame.Send(6, 7, fullMessage()));
        for (int cut : new int[] {0, 5, 9, 20, whole.length / 2, whole.length - 1}) {
            assertMalformed(Arrays.copyOf(whole, cut), "");
        }
    }

    @Test
    void trailingBytesAreMalformed() {
        byte[] whole = encoded(new RequestFrame.Commit(9, 7));
        assertMalformed(Arrays.copyOf(whole, whole.length + 1), "unexpected bytes");
    }

    @Test
    void aLengthLargerThanTheFrameIsMalformedWithoutAllocatingIt() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(encoded(new RequestFrame.Unsubscribe(1, "x"))[0]).writeLong(1).writeInt(Integer.MAX_VALUE);
        assertMalformed(toBytes(buf), "does not fit");
    }

    @Test
    void aNegativeCountIsMalformedNotEmpty() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(encoded(new ResponseFrame.BrowseResult(1, List.of()))[0]).writeLong(1).writeInt(-1);
        assertMalformed(toBytes(buf), "negative");
    }

    @Test
    void badBooleanAndBadMagicAreMalformed() {
        byte[] session = encoded(new RequestFrame.CreateSession(2, 7, true));
        session[session.length - 1] = 2;
        assertMalformed(session, "boolean");
        byte[] hello = encoded(new HandshakeFrame.Hello(FrameCodec.VERSION, null, null, 1, 1));
        hello[9] = 'X';
        assertMalformed(hello, "magic");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformedFrames() {
        var random = new java.util.Random(42);
        List<byte[]> inputs = new ArrayList<>();
        everyFrame().map(FrameCodecTest::encoded).forEach(valid -> {
            for (int i = 0; i < 50; i++) {
                byte[] mutated = valid.clone();
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                inputs.add(mutated);
            }
        });
        for (int i = 0; i < 500; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            inputs.add(noise);
        }
        for (byte[] input : inputs) {
            try {
                FrameCodec.decode(Unpooled.wrappedBuffer(input));
            } catch (MalformedFrameException expected) {
                // the only failure allowed
            }
        }
    }

    private static void assertMalformed(byte[] frame, String reason) {
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining(reason);
    }

    static byte[] encoded(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(frame, buf);
        return toBytes(buf);
    }

    private static byte[] toBytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
