package org.messagestore.transport.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one TCP connection as frames arrive: completes the handshake, answers waiting
 * requests, and hands deliveries and discards to the consumer's sink <em>in arrival order</em>, which
 * is the order the broker made them (so a discard takes effect before any later delivery, and every
 * delivery written before a drain's answer is in its sink before the drain returns).
 *
 * <p>Threads: event loop only, apart from {@link #sinks} (registered by callers) and
 * {@link #expectClose} (set by the closing caller). Sinks do not block, so calling them here is
 * safe. The failure callback runs here too; the client's connection hands it to a thread of its own.
 */
final class ClientConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionHandler.class);

    final CompletableFuture<Welcome> handshake = new CompletableFuture<>();
    final Map<Long, DeliverySink> sinks = new ConcurrentHashMap<>();
    private final PendingRequests pending;
    private final String peer;
    private volatile Consumer<JMSException> onFailure = cause -> { };
    private volatile boolean closeExpected;
    private String closeReason;

    ClientConnectionHandler(PendingRequests pending, String peer) {
        this.pending = pending;
        this.peer = peer;
    }

    /** Who hears that the connection failed after the handshake (called at most once). */
    void onFailure(Consumer<JMSException> callback) {
        this.onFailure = callback;
    }

    /** The client is closing: the channel's end is no failure. */
    void expectClose() {
        closeExpected = true;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closeReason != null) {
            return; // a protocol error closed the connection: frames decoded behind it are dropped
        }
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
            TcpPipeline.agreed(ctx.pipeline(), welcome.maxFrameBytes(), welcome.heartbeatMillis());
            handshake.complete(welcome);
        } else if (frame instanceof Failure refusal && !handshake.isDone()) {
            handshake.completeExceptionally(RemoteExceptions.rebuild(refusal));
            ctx.close();
        } else if (frame instanceof ResponseFrame response && handshake.isDone()) {
            pending.answer(response);
        } else if (frame instanceof ConnectionFailed failed) {
            fail(RemoteExceptions.rebuild(failed));
            ctx.close();
        } else {
            closeReason = "protocol error: the broker sent an unexpected " + frame.getClass().getSimpleName() + " frame";
            LOG.warn("closing TCP connection to {}: {}", peer, closeReason);
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeReason != null) {
            return;
        }
        closeReason = TcpPipeline.reason(cause);
        if (!closeExpected) {
            LOG.warn("closing TCP connection to {}: {}", peer, closeReason);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(new JMSException("connection to broker " + peer + " lost"
                + (closeReason == null ? ": the broker closed it" : ": " + closeReason)));
        super.channelInactive(ctx);
    }

    private void fail(JMSException cause) {
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
}
