package org.messagestore.protocol;

import java.util.HashMap;
import java.util.Map;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.PushFrame.AdminProgressPush;
import org.messagestore.protocol.PushFrame.ConnectionFailed;
import org.messagestore.protocol.PushFrame.DeliveryPush;
import org.messagestore.protocol.PushFrame.DiscardBuffered;
import org.messagestore.protocol.PushFrame.Heartbeat;
import org.messagestore.protocol.RequestFrame.Acknowledge;
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
 * The type byte of every frame and the record it carries. Codes are part of the wire format: never
 * renumber, only add.
 */
enum FrameType {
    HELLO(0x01, Hello.class),
    WELCOME(0x02, Welcome.class),

    SET_CLIENT_ID(0x10, SetClientId.class),
    CREATE_SESSION(0x11, CreateSession.class),
    CLOSE_SESSION(0x12, CloseSession.class),
    CREATE_CONSUMER(0x13, CreateConsumer.class),
    CLOSE_CONSUMER(0x14, CloseConsumer.class),
    SEND(0x15, Send.class),
    CONSUMED(0x16, Consumed.class),
    PULL(0x17, Pull.class),
    DRAIN(0x18, Drain.class),
    ACKNOWLEDGE(0x19, Acknowledge.class),
    COMMIT(0x1A, Commit.class),
    ROLLBACK(0x1B, Rollback.class),
    UNSUBSCRIBE(0x1C, Unsubscribe.class),
    CREATE_BROWSER(0x1D, CreateBrowser.class),
    BROWSE_NEXT(0x1E, BrowseNext.class),
    CLOSE_BROWSER(0x1F, CloseBrowser.class),
    CREATE_TEMPORARY(0x20, CreateTemporary.class),
    DELETE_TEMPORARY(0x21, DeleteTemporary.class),
    CLOSE_CONNECTION(0x22, CloseConnection.class),
    SET_STARTED(0x23, SetStarted.class),
    XA_START(0x24, XaStart.class),
    XA_END(0x25, XaEnd.class),
    XA_PREPARE(0x26, XaPrepare.class),
    XA_COMMIT(0x27, XaCommit.class),
    XA_ROLLBACK(0x28, XaRollback.class),
    XA_RECOVER(0x29, XaRecover.class),
    XA_FORGET(0x2A, XaForget.class),
    PIPELINED_SEND(0x2B, PipelinedSend.class),
    LAZY_ACKNOWLEDGE(0x2C, LazyAcknowledge.class),
    ADMIN(0x2D, Admin.class),

    OK(0x40, Ok.class),
    BROWSE_RESULT(0x41, BrowseResult.class),
    FAILURE(0x42, Failure.class),
    XA_VOTE(0x43, XaVote.class),
    XA_RECOVERED(0x44, XaRecovered.class),
    XA_FAILURE(0x45, XaFailure.class),
    ADMIN_RESULT(0x46, AdminAnswer.class),

    DELIVERY(0x60, DeliveryPush.class),
    DISCARD_BUFFERED(0x61, DiscardBuffered.class),
    CONNECTION_FAILED(0x62, ConnectionFailed.class),
    HEARTBEAT(0x63, Heartbeat.class),
    ADMIN_PROGRESS(0x64, AdminProgressPush.class);

    private static final FrameType[] BY_CODE = new FrameType[256];
    private static final Map<Class<?>, FrameType> BY_RECORD = new HashMap<>();

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
            BY_RECORD.put(type.record, type);
        }
    }

    final int code;
    private final Class<? extends Frame> record;

    FrameType(int code, Class<? extends Frame> record) {
        this.code = code;
        this.record = record;
    }

    static FrameType of(int code) {
        FrameType type = BY_CODE[code & 0xFF];
        if (type == null) {
            throw new MalformedFrameException("unknown frame type 0x" + Integer.toHexString(code & 0xFF));
        }
        return type;
    }

    static FrameType of(Frame frame) {
        return BY_RECORD.get(frame.getClass());
    }
}
