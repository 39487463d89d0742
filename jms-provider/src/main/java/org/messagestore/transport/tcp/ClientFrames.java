package org.messagestore.transport.tcp;

import jakarta.jms.JMSException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.messagestore.model.DeliverySink;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.PushFrame.AdminProgressPush;
import org.messagestore.protocol.PushFrame.ConnectionFailed;
import org.messagestore.protocol.PushFrame.DeliveryPush;
import org.messagestore.protocol.PushFrame.DiscardBuffered;
import org.messagestore.protocol.PushFrame.Heartbeat;
import org.messagestore.protocol.RemoteExceptions;
import org.messagestore.protocol.ResponseFrame;
import org.messagestore.protocol.ResponseFrame.Failure;

/**
 * What the client does with each frame the broker sends, whichever link reads them: completes the
 * handshake, answers waiting requests, and hands deliveries and discards to the consumer's sink
 * <em>in arrival order</em>, which is the order the broker made them (so a discard takes effect before
 * any later delivery, and every delivery written before a drain's answer is in its sink before the
 * drain returns).
 *
 * <p>Threads: the link's reading thread, apart from {@link #sinks} (registered by callers) and
 * {@link #expectClose} (set by the closing caller). Sinks do not block, so calling them there is safe.
 * The failure callback runs there too; the client's connection hands it to a thread of its own.
 */
final class ClientFrames {

    final CompletableFuture<Welcome> handshake = new CompletableFuture<>();
    final Map<Long, DeliverySink> sinks = new ConcurrentHashMap<>();
    private final PendingRequests pending;
    private volatile Consumer<JMSException> onFailure = cause -> { };
    private volatile boolean closeExpected;

    ClientFrames(PendingRequests pending) {
        this.pending = pending;
    }

    /** Who hears that the connection failed after the handshake (called at most once). */
    void onFailure(Consumer<JMSException> callback) {
        this.onFailure = callback;
    }

    /** The client is closing: the connection's end is no failure. */
    void expectClose() {
        closeExpected = true;
    }

    boolean closeExpected() {
        return closeExpected;
    }

    /**
     * Handles one frame. Returns null, or why the link must close the connection: the broker refused
     * the handshake or failed the connection (the reason is already reported), or sent a frame it
     * should not have (a protocol error the link reports as the connection's failure).
     */
    Close accept(Frame frame) {
        if (frame instanceof DeliveryPush push) {
            DeliverySink sink = sinks.get(push.delivery().consumerId());
            if (sink != null) {
                sink.deliver(push.delivery());
            }
        } else if (frame instanceof DiscardBuffered discard) {
            DeliverySink sink = sinks.get(discard.consumerId());
            if (sink != null) {
                sink.discardBuffered();
            }
        } else if (frame instanceof AdminProgressPush progress) {
            pending.progress(progress);
        } else if (frame instanceof Heartbeat) {
            // reading it was the point
        } else if (frame instanceof Welcome welcome && !handshake.isDone()) {
            handshake.complete(welcome);
        } else if (frame instanceof Failure refusal && !handshake.isDone()) {
            handshake.completeExceptionally(RemoteExceptions.rebuild(refusal));
            return Close.REPORTED;
        } else if (frame instanceof ResponseFrame response && handshake.isDone()) {
            pending.answer(response);
        } else if (frame instanceof ConnectionFailed failed) {
            fail(RemoteExceptions.rebuild(failed));
            return Close.REPORTED;
        } else {
            return Close.PROTOCOL_ERROR;
        }
        return null;
    }

    /** The connection ended or failed: every waiting request and the handshake fail with {@code cause}. */
    void fail(JMSException cause) {
        boolean first = pending.failure() == null;
        pending.failAll(cause);
        if (!handshake.isDone()) {
            handshake.completeExceptionally(cause);
            return;
        }
        if (first && !closeExpected) {
            onFailure.accept(cause);
        }
    }

    /** Why a frame closes the connection. */
    enum Close {
        /** The failure is already reported. */
        REPORTED,
        /** The broker sent a frame the client does not expect at this point. */
        PROTOCOL_ERROR
    }
}
