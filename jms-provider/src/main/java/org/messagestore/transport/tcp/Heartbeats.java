package org.messagestore.transport.tcp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.messagestore.protocol.PushFrame.Heartbeat;

/**
 * Connection health, the same on both sides: after one interval without writing, send a
 * {@link Heartbeat}; after {@link TcpOptions#MISSED_HEARTBEATS} intervals without reading anything,
 * report a {@link PeerSilentException} down the pipeline, whose last handler closes the connection.
 *
 * <p>Threads: event loop only.
 */
final class Heartbeats extends ChannelDuplexHandler {

    static final String IDLE = "idle";
    static final String HEARTBEATS = "heartbeats";

    private final long timeoutMillis;

    private Heartbeats(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Adds (or, after the handshake agreed on an interval, replaces) the idle detection. */
    static void install(ChannelPipeline pipeline, int heartbeatMillis) {
        long timeout = (long) heartbeatMillis * TcpOptions.MISSED_HEARTBEATS;
        var idle = new IdleStateHandler(timeout, heartbeatMillis, 0, TimeUnit.MILLISECONDS);
        if (pipeline.get(IDLE) == null) {
            pipeline.addLast(IDLE, idle);
            pipeline.addLast(HEARTBEATS, new Heartbeats(timeout));
        } else {
            pipeline.replace(IDLE, IDLE, idle);
            pipeline.replace(HEARTBEATS, HEARTBEATS, new Heartbeats(timeout));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> ctx.writeAndFlush(new Heartbeat()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                case READER_IDLE -> ctx.fireExceptionCaught(new PeerSilentException(timeoutMillis));
                default -> {
                    // ALL_IDLE is not configured
                }
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }
}
