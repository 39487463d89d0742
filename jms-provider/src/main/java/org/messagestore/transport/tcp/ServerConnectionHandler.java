package org.messagestore.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.messagestore.broker.Broker;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.DiskWaits;
import org.messagestore.protocol.PushFrame.AdminProgressPush;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.FrameDecoder;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.PushFrame.Heartbeat;
import org.messagestore.protocol.RemoteExceptions;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.ResponseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker side of one TCP connection: the handshake, then each request carried out on the
 * connection's {@link BrokerConnection} and answered. Anything that breaks the protocol closes this
 * connection (and only this one) with a logged reason; closing the channel, for whatever reason,
 * closes the broker connection, which rolls back its uncommitted work and returns its unacknowledged
 * messages to their queues.
 *
 * <p>Threads: Netty calls it on the channel's event loop, which decodes, checks and hands work
 * over; {@code handshakeDone} belongs to the event loop. The login ({@link Broker#connect}) runs on
 * the acceptor's {@link LoginGate}; then broker calls, including the final close, run in arrival
 * order on the connection's {@link OrderedExecutor}, which owns {@code connection} and
 * {@code dispatcher}. Calls that never wait (sends, acknowledgements) run on the event loop itself
 * when the connection has nothing else queued, and so do those that wait only for the store (commits,
 * XA steps) when the loop serves this connection alone and nothing more has arrived on it. Responses
 * are written from there, or from the store thread that completes a send or an acknowledgement.
 */
final class ServerConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);

    /** A frame that cannot be written (too big for the client, say) leaves the client out of step: close. */
    static final ChannelFutureListener CLOSE_ON_WRITE_FAILURE = future -> {
        if (!future.isSuccess() && future.channel().isOpen()) {
            LOG.warn("closing TCP connection from {}: cannot write a frame: {}", future.channel().remoteAddress(),
                    TcpPipeline.reason(future.cause()));
            future.channel().close();
        }
    };

    private final Broker broker;
    private final TcpOptions options;
    private final OrderedExecutor calls;
    private final LoginGate logins;
    private final LoopConnections loops;
    /** This channel's length-prefix splitter, looked up once: it is asked about every request. */
    private FrameDecoder.LengthDecoder lengths;

    private boolean handshakeDone;
    /** Set on the first protocol error: frames already decoded behind the bad one are dropped, not served. */
    private boolean closing;

    private BrokerConnection connection;
    private RequestDispatcher dispatcher;

    ServerConnectionHandler(Broker broker, TcpOptions options, OrderedExecutor calls, LoginGate logins, LoopConnections loops) {
        this.broker = broker;
        this.options = options;
        this.calls = calls;
        this.logins = logins;
        this.loops = loops;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        loops.opened(ctx.channel().eventLoop());
        lengths = TcpPipeline.lengthDecoder(ctx.pipeline());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closing || frame instanceof Heartbeat) {
            return;
        }
        if (!handshakeDone) {
            if (frame instanceof Hello hello) {
                handshakeDone = true;
                handshake(ctx, hello);
            } else {
                protocolError(ctx, "expected a Hello frame first, got " + frame.getClass().getSimpleName());
            }
        } else if (frame instanceof RequestFrame request) {
            Runnable call = () -> serve(ctx.channel(), request);
            // The loop may wait for the store itself, saving two thread hand-overs, when it has nothing else
            // to do meanwhile: no other connection, nothing more arrived on this one.
            boolean alone = lengths.endedWhatArrived() && !loops.servesSeveral(ctx.channel().eventLoop());
            if (RequestDispatcher.neverWaits(request) || alone && RequestDispatcher.waitsOnlyForTheStore(request)) {
                DiskWaits.allow(alone);
                calls.executeHere(call);
            } else {
                calls.execute(call);
            }
        } else {
            protocolError(ctx, "a client must not send " + frame.getClass().getSimpleName() + " frames");
        }
    }

    private void handshake(ChannelHandlerContext ctx, Hello hello) {
        Channel channel = ctx.channel();
        if (hello.version() < FrameCodec.OLDEST_VERSION || hello.version() > FrameCodec.VERSION) {
            refuse(channel, new JMSException("client speaks protocol version " + hello.version()
                    + ", this broker speaks versions " + FrameCodec.OLDEST_VERSION + " to " + FrameCodec.VERSION));
            return;
        }
        int heartbeat = TcpOptions.agreedHeartbeat(options.heartbeatMillis(), hello.heartbeatMillis());
        TcpPipeline.agreed(ctx.pipeline(), Math.max(hello.maxFrameBytes(), TcpOptions.MIN_FRAME_BYTES), heartbeat);
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        long delay = logins.delayMillis(address);
        Runnable submit = () -> {
            if (channel.isActive() && !logins.submit(() -> login(channel, hello, heartbeat, address))) {
                refuse(channel, new JMSSecurityException("the broker is busy with other logins; try again later"));
            }
        };
        if (delay == 0) {
            submit.run();
        } else {
            channel.eventLoop().schedule(submit, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs on the {@link LoginGate}'s pool: checks the credentials and opens the broker connection, then
     * hands the connection to the connection's own executor, which serves its requests.
     */
    private void login(Channel channel, Hello hello, int heartbeat, InetAddress address) {
        BrokerConnection opened;
        try {
            opened = broker.connect(hello.user(), hello.password(), cause ->
                    write(channel, RemoteExceptions.connectionFailed(cause), ChannelFutureListener.CLOSE));
        } catch (JMSException | RuntimeException e) {
            // Logged without the password, which only the Hello frame carries.
            logins.failed(address, hello.user(), e.getMessage());
            refuse(channel, e);
            return;
        }
        logins.succeeded(address);
        calls.execute(() -> {
            if (!channel.isActive()) {
                opened.close(); // the socket closed during the login, and its close found no connection yet
                return;
            }
            connection = opened;
            dispatcher = new RequestDispatcher(opened, consumerId -> new ChannelDeliverySink(channel, consumerId),
                    requestId -> (done, total) -> write(channel, new AdminProgressPush(requestId, done, total),
                            CLOSE_ON_WRITE_FAILURE));
            write(channel, new Welcome(opened.connectionId(), heartbeat, options.maxFrameBytes()), CLOSE_ON_WRITE_FAILURE);
            LOG.debug("TCP connection from {} is broker connection {}", channel.remoteAddress(), opened.connectionId());
        });
    }

    /**
     * Writes a frame unless the channel is already gone: a broker connection closing after its
     * socket (rollback discarding buffers, a late send receipt) has nobody left to tell.
     */
    static void write(Channel channel, Frame frame, ChannelFutureListener then) {
        if (channel.isActive() && !channel.eventLoop().isShuttingDown()) {
            // Listener first: added after the write it could find the promise done and need an event
            // loop that the acceptor has meanwhile shut down.
            channel.writeAndFlush(frame, channel.newPromise().addListener(then));
        }
    }

    private static void refuse(Channel channel, Exception cause) {
        channel.writeAndFlush(RemoteExceptions.failure(0, cause)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Runs on the connection's executor. */
    private void serve(Channel channel, RequestFrame request) {
        if (dispatcher == null) {
            return; // the handshake failed; the channel is closing
        }
        CompletableFuture<ResponseFrame> answer = dispatcher.dispatch(request);
        if (answer != null) {
            answer.whenComplete((response, failure) -> write(channel,
                    failure == null ? response : RemoteExceptions.failure(request.correlationId(), unwrap(failure)),
                    CLOSE_ON_WRITE_FAILURE));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        loops.closed(ctx.channel().eventLoop());
        // After every request already handed over: the broker connection closes in order.
        calls.execute(() -> {
            if (connection != null) {
                connection.close();
                LOG.debug("broker connection {} closed with its TCP connection", connection.connectionId());
            }
        });
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        closing = true;
        if (TcpPipeline.isDisconnect(cause)) {
            LOG.debug("TCP connection from {} dropped: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("closing TCP connection from {}: {}", ctx.channel().remoteAddress(), TcpPipeline.reason(cause));
        }
        ctx.close();
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        closing = true;
        LOG.warn("closing TCP connection from {}: protocol error: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }
}
