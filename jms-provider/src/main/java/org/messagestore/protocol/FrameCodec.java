package org.messagestore.protocol;

import static org.messagestore.protocol.WireValues.readBoolean;
import static org.messagestore.protocol.WireValues.readCount;
import static org.messagestore.protocol.WireValues.readRequiredDestination;
import static org.messagestore.protocol.WireValues.readString;
import static org.messagestore.protocol.WireValues.writeDestination;
import static org.messagestore.protocol.WireValues.writeString;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.Delivery;
import org.messagestore.model.MessageData;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.PushFrame.ConnectionFailed;
import org.messagestore.protocol.PushFrame.DeliveryPush;
import org.messagestore.protocol.PushFrame.DiscardBuffered;
import org.messagestore.protocol.PushFrame.Heartbeat;
import org.messagestore.protocol.RequestFrame.Acknowledge;
import org.messagestore.protocol.PushFrame.AdminProgressPush;
import org.messagestore.protocol.RequestFrame.Admin;
import org.messagestore.protocol.RequestFrame.BrowseNext;
import org.messagestore.protocol.RequestFrame.CloseBrowser;
import org.messagestore.protocol.RequestFrame.CloseConnection;
import org.messagestore.protocol.RequestFrame.CloseConsumer;
import org.messagestore.protocol.RequestFrame.CloseSession;
import org.messagestore.protocol.RequestFrame.Commit;
import org.messagestore.protocol.RequestFrame.Consumed;
import org.messagestore.protocol.RequestFrame.CreateBrowser;
import org.messagestore.protocol.RequestFrame.CreateConsumer;
import org.messagestore.protocol.RequestFrame.CreateSession;
import org.messagestore.protocol.RequestFrame.CreateTemporary;
import org.messagestore.protocol.RequestFrame.DeleteTemporary;
import org.messagestore.protocol.RequestFrame.Drain;
import org.messagestore.protocol.RequestFrame.LazyAcknowledge;
import org.messagestore.protocol.RequestFrame.PipelinedSend;
import org.messagestore.protocol.RequestFrame.Pull;
import org.messagestore.protocol.RequestFrame.Rollback;
import org.messagestore.protocol.RequestFrame.Send;
import org.messagestore.protocol.RequestFrame.SetClientId;
import org.messagestore.protocol.RequestFrame.SetStarted;
import org.messagestore.protocol.RequestFrame.Unsubscribe;
import org.messagestore.protocol.RequestFrame.XaCommit;
import org.messagestore.protocol.RequestFrame.XaEnd;
import org.messagestore.protocol.RequestFrame.XaForget;
import org.messagestore.protocol.RequestFrame.XaPrepare;
import org.messagestore.protocol.RequestFrame.XaRecover;
import org.messagestore.protocol.RequestFrame.XaRollback;
import org.messagestore.protocol.RequestFrame.XaStart;
import org.messagestore.protocol.ResponseFrame.AdminAnswer;
import org.messagestore.protocol.ResponseFrame.BrowseResult;
import org.messagestore.protocol.ResponseFrame.Failure;
import org.messagestore.protocol.ResponseFrame.Ok;
import org.messagestore.protocol.ResponseFrame.XaFailure;
import org.messagestore.protocol.ResponseFrame.XaRecovered;
import org.messagestore.protocol.ResponseFrame.XaVote;

/**
 * Frames to bytes and back: the part of a frame after its length prefix, i.e. type byte, correlation
 * id, payload (layout in {@code package-info.java}). Stateless; the Netty handlers
 * ({@link FrameEncoder}, {@link FrameDecoder}) add and strip the length.
 */
public final class FrameCodec {

    /**
     * The protocol version this code speaks, carried by {@link Hello}. Version 2 added the XA frames,
     * version 3 {@link PipelinedSend} and {@link LazyAcknowledge}, version 4 the management frames
     * ({@link Admin}, {@link AdminAnswer}, {@link AdminProgressPush}).
     */
    public static final int VERSION = 4;
    /**
     * The oldest client version a broker still serves: an older client speaks a subset of the newer
     * versions (it never sends the frames they added), so the broker answers it unchanged.
     */
    public static final int OLDEST_VERSION = 1;
    /** "MSTR": the first payload bytes of a {@link Hello}, so that a stray connection is recognised at once. */
    public static final int MAGIC = 0x4D535452;

    private FrameCodec() {
    }

    public static void encode(Frame frame, ByteBuf out) {
        FrameType type = FrameType.of(frame);
        if (type == null) {
            throw new IllegalArgumentException("not a protocol frame: " + frame);
        }
        out.writeByte(type.code);
        out.writeLong(frame.correlationId());
        switch (type) {
            case HELLO -> {
                var f = (Hello) frame;
                out.writeInt(MAGIC).writeByte(f.version());
                writeString(out, f.user());
                writeString(out, f.password());
                out.writeInt(f.heartbeatMillis()).writeInt(f.maxFrameBytes());
            }
            case WELCOME -> {
                var f = (Welcome) frame;
                writeString(out, f.connectionId());
                out.writeInt(f.heartbeatMillis()).writeInt(f.maxFrameBytes());
            }
            case SET_CLIENT_ID -> writeString(out, ((SetClientId) frame).clientId());
            case CREATE_SESSION -> {
                var f = (CreateSession) frame;
                out.writeLong(f.sessionId()).writeBoolean(f.transacted());
            }
            case CLOSE_SESSION -> out.writeLong(((CloseSession) frame).sessionId());
            case CREATE_CONSUMER -> writeSpec(out, ((CreateConsumer) frame).spec());
            case CLOSE_CONSUMER -> out.writeLong(((CloseConsumer) frame).consumerId());
            case SEND -> {
                var f = (Send) frame;
                out.writeLong(f.sessionId());
                MessageDataCodec.write(out, f.message());
            }
            case PIPELINED_SEND -> {
                var f = (PipelinedSend) frame;
                out.writeLong(f.sessionId());
                MessageDataCodec.write(out, f.message());
            }
            case CONSUMED -> {
                var f = (Consumed) frame;
                out.writeLong(f.consumerId()).writeLong(f.deliveryId());
            }
            case PULL -> out.writeLong(((Pull) frame).consumerId());
            case DRAIN -> out.writeLong(((Drain) frame).consumerId());
            case ACKNOWLEDGE -> out.writeLong(((Acknowledge) frame).sessionId());
            case LAZY_ACKNOWLEDGE -> out.writeLong(((LazyAcknowledge) frame).sessionId());
            case COMMIT -> out.writeLong(((Commit) frame).sessionId());
            case ROLLBACK -> out.writeLong(((Rollback) frame).sessionId());
            case UNSUBSCRIBE -> writeString(out, ((Unsubscribe) frame).subscriptionName());
            case CREATE_BROWSER -> {
                var f = (CreateBrowser) frame;
                out.writeLong(f.browserId()).writeLong(f.sessionId());
                writeDestination(out, f.queue());
                writeString(out, f.selector());
            }
            case BROWSE_NEXT -> {
                var f = (BrowseNext) frame;
                out.writeLong(f.browserId()).writeInt(f.max());
            }
            case CLOSE_BROWSER -> out.writeLong(((CloseBrowser) frame).browserId());
            case SET_STARTED -> out.writeBoolean(((SetStarted) frame).started());
            case CREATE_TEMPORARY -> writeDestination(out, ((CreateTemporary) frame).destination());
            case DELETE_TEMPORARY -> writeDestination(out, ((DeleteTemporary) frame).destination());
            case XA_START -> {
                var f = (XaStart) frame;
                out.writeLong(f.sessionId());
                XidCodec.write(out, f.xid());
                out.writeInt(f.flags());
            }
            case XA_END -> {
                var f = (XaEnd) frame;
                out.writeLong(f.sessionId());
                XidCodec.write(out, f.xid());
                out.writeInt(f.flags());
            }
            case XA_PREPARE -> XidCodec.write(out, ((XaPrepare) frame).xid());
            case XA_COMMIT -> {
                var f = (XaCommit) frame;
                XidCodec.write(out, f.xid());
                out.writeBoolean(f.onePhase());
            }
            case XA_ROLLBACK -> XidCodec.write(out, ((XaRollback) frame).xid());
            case XA_FORGET -> XidCodec.write(out, ((XaForget) frame).xid());
            case XA_VOTE -> out.writeInt(((XaVote) frame).vote());
            case XA_RECOVERED -> XidCodec.writeList(out, ((XaRecovered) frame).xids());
            case XA_FAILURE -> {
                var f = (XaFailure) frame;
                out.writeInt(f.errorCode());
                writeString(out, f.message());
            }
            case ADMIN -> {
                var f = (Admin) frame;
                writeString(out, f.command());
                MessageDataCodec.writeProperties(out, new java.util.TreeMap<>(f.arguments()));
            }
            case ADMIN_RESULT -> AdminResultCodec.write(out, ((AdminAnswer) frame).result());
            case ADMIN_PROGRESS -> {
                var f = (AdminProgressPush) frame;
                out.writeLong(f.requestId()).writeLong(f.done()).writeLong(f.total());
            }
            case CLOSE_CONNECTION, OK, HEARTBEAT, XA_RECOVER -> {
                // header only
            }
            case BROWSE_RESULT -> {
                List<MessageData> messages = ((BrowseResult) frame).messages();
                out.writeInt(messages.size());
                messages.forEach(m -> MessageDataCodec.write(out, m));
            }
            case FAILURE -> {
                var f = (Failure) frame;
                writeString(out, f.exceptionClass());
                writeString(out, f.message());
                writeString(out, f.errorCode());
            }
            case DELIVERY -> {
                Delivery d = ((DeliveryPush) frame).delivery();
                out.writeLong(d.consumerId()).writeLong(d.deliveryId()).writeInt(d.deliveryCount());
                MessageDataCodec.write(out, d.message());
            }
            case DISCARD_BUFFERED -> out.writeLong(((DiscardBuffered) frame).consumerId());
            case CONNECTION_FAILED -> {
                var f = (ConnectionFailed) frame;
                writeString(out, f.exceptionClass());
                writeString(out, f.message());
            }
        }
    }

    /**
     * Decodes one whole frame (without its length prefix). Throws {@link MalformedFrameException}
     * for anything that is not exactly one valid frame.
     */
    public static Frame decode(ByteBuf in) {
        try {
            FrameType type = FrameType.of(in.readUnsignedByte());
            long correlationId = in.readLong();
            Frame frame = decodePayload(type, correlationId, in);
            if (in.isReadable()) {
                throw new MalformedFrameException(in.readableBytes() + " unexpected bytes after a " + type + " frame");
            }
            return frame;
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("frame is truncated", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record's constructor refused a decoded value
            throw new MalformedFrameException("frame holds an invalid value: " + e.getMessage(), e);
        }
    }

    private static Frame decodePayload(FrameType type, long id, ByteBuf in) {
        return switch (type) {
            case HELLO -> {
                int magic = in.readInt();
                if (magic != MAGIC) {
                    throw new MalformedFrameException("not a MessageStore client (bad magic 0x" + Integer.toHexString(magic) + ")");
                }
                yield new Hello(in.readUnsignedByte(), readString(in, "user"), readString(in, "password"),
                        in.readInt(), in.readInt());
            }
            case WELCOME -> new Welcome(required(readString(in, "connectionId"), "connectionId"), in.readInt(), in.readInt());
            case SET_CLIENT_ID -> new SetClientId(id, readString(in, "clientId"));
            case CREATE_SESSION -> new CreateSession(id, in.readLong(), readBoolean(in, "transacted"));
            case CLOSE_SESSION -> new CloseSession(id, in.readLong());
            case CREATE_CONSUMER -> new CreateConsumer(id, readSpec(in));
            case CLOSE_CONSUMER -> new CloseConsumer(id, in.readLong());
            case SEND -> new Send(id, in.readLong(), MessageDataCodec.read(in));
            case PIPELINED_SEND -> new PipelinedSend(id, in.readLong(), MessageDataCodec.read(in));
            case CONSUMED -> new Consumed(id, in.readLong(), in.readLong());
            case PULL -> new Pull(id, in.readLong());
            case DRAIN -> new Drain(id, in.readLong());
            case ACKNOWLEDGE -> new Acknowledge(id, in.readLong());
            case LAZY_ACKNOWLEDGE -> new LazyAcknowledge(id, in.readLong());
            case COMMIT -> new Commit(id, in.readLong());
            case ROLLBACK -> new Rollback(id, in.readLong());
            case UNSUBSCRIBE -> new Unsubscribe(id, readString(in, "subscriptionName"));
            case CREATE_BROWSER -> new CreateBrowser(id, in.readLong(), in.readLong(),
                    readRequiredDestination(in, "queue"), readString(in, "selector"));
            case BROWSE_NEXT -> new BrowseNext(id, in.readLong(), in.readInt());
            case CLOSE_BROWSER -> new CloseBrowser(id, in.readLong());
            case SET_STARTED -> new SetStarted(id, readBoolean(in, "started"));
            case CREATE_TEMPORARY -> new CreateTemporary(id, readRequiredDestination(in, "destination"));
            case DELETE_TEMPORARY -> new DeleteTemporary(id, readRequiredDestination(in, "destination"));
            case CLOSE_CONNECTION -> new CloseConnection(id);
            case XA_START -> new XaStart(id, in.readLong(), XidCodec.read(in), in.readInt());
            case XA_END -> new XaEnd(id, in.readLong(), XidCodec.read(in), in.readInt());
            case XA_PREPARE -> new XaPrepare(id, XidCodec.read(in));
            case XA_COMMIT -> new XaCommit(id, XidCodec.read(in), readBoolean(in, "onePhase"));
            case XA_ROLLBACK -> new XaRollback(id, XidCodec.read(in));
            case XA_RECOVER -> new XaRecover(id);
            case XA_FORGET -> new XaForget(id, XidCodec.read(in));
            case XA_VOTE -> new XaVote(id, readVote(in));
            case XA_RECOVERED -> new XaRecovered(id, XidCodec.readList(in));
            case XA_FAILURE -> new XaFailure(id, in.readInt(), readString(in, "message"));
            case OK -> new Ok(id);
            case BROWSE_RESULT -> {
                int count = readCount(in, "message count");
                List<MessageData> messages = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    messages.add(MessageDataCodec.read(in));
                }
                yield new BrowseResult(id, messages);
            }
            case FAILURE -> new Failure(id, required(readString(in, "exceptionClass"), "exceptionClass"),
                    readString(in, "message"), readString(in, "errorCode"));
            case DELIVERY -> {
                long consumerId = in.readLong();
                long deliveryId = in.readLong();
                int deliveryCount = readDeliveryCount(in);
                yield new DeliveryPush(new Delivery(consumerId, deliveryId, MessageDataCodec.read(in), deliveryCount));
            }
            case DISCARD_BUFFERED -> new DiscardBuffered(in.readLong());
            case CONNECTION_FAILED -> new ConnectionFailed(required(readString(in, "exceptionClass"), "exceptionClass"),
                    readString(in, "message"));
            case HEARTBEAT -> new Heartbeat();
            case ADMIN -> new Admin(id, required(readString(in, "command"), "command"), AdminResultCodec.readArguments(in));
            case ADMIN_RESULT -> new AdminAnswer(id, AdminResultCodec.read(in));
            case ADMIN_PROGRESS -> new AdminProgressPush(in.readLong(), in.readLong(), in.readLong());
        };
    }

    /** XAResource.XA_OK (0) or XA_RDONLY (3): the only votes a prepare that did not fail returns. */
    private static int readVote(ByteBuf in) {
        int vote = in.readInt();
        if (vote != 0 && vote != 3) {
            throw new MalformedFrameException("XA vote " + vote + " is neither XA_OK (0) nor XA_RDONLY (3)");
        }
        return vote;
    }

    private static int readDeliveryCount(ByteBuf in) {
        int count = in.readInt();
        if (count < 1) {
            throw new MalformedFrameException("delivery count " + count + " is below 1");
        }
        return count;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new MalformedFrameException(field + " must not be null");
        }
        return value;
    }

    private static void writeSpec(ByteBuf out, ConsumerSpec spec) {
        out.writeLong(spec.consumerId()).writeLong(spec.sessionId());
        writeDestination(out, spec.destination());
        writeString(out, spec.selector());
        out.writeBoolean(spec.noLocal());
        writeString(out, spec.subscriptionName());
        out.writeBoolean(spec.durable()).writeBoolean(spec.shared()).writeInt(spec.prefetch());
    }

    private static ConsumerSpec readSpec(ByteBuf in) {
        long consumerId = in.readLong();
        long sessionId = in.readLong();
        var destination = readRequiredDestination(in, "consumer destination");
        String selector = readString(in, "selector");
        boolean noLocal = readBoolean(in, "noLocal");
        String subscriptionName = readString(in, "subscriptionName");
        boolean durable = readBoolean(in, "durable");
        boolean shared = readBoolean(in, "shared");
        int prefetch = in.readInt();
        if (prefetch < 0) {
            throw new MalformedFrameException("negative prefetch " + prefetch);
        }
        return new ConsumerSpec(consumerId, sessionId, destination, selector, noLocal, subscriptionName, durable, shared,
                prefetch);
    }
}
