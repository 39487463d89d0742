package org.messagestore.transport.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import jakarta.jms.JMSException;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one Netty connection (ssl://) as frames arrive: hands each to {@link ClientFrames},
 * applies the frame limit and heartbeat interval the handshake agreed on, and turns the channel's end
 * or an error into the connection's failure.
 *
 * <p>Threads: event loop only.
 */
final class ClientConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionHandler.class);

    private final ClientFrames frames;
    private final String peer;
    private String closeReason;

    ClientConnectionHandler(ClientFrames frames, String peer) {
        this.frames = frames;
        this.peer = peer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closeReason != null) {
            return; // a protocol error closed the connection: frames decoded behind it are dropped
        }
        if (frame instanceof Welcome welcome && !frames.handshake.isDone()) {
            TcpPipeline.agreed(ctx.pipeline(), welcome.maxFrameBytes(), welcome.heartbeatMillis());
        }
        ClientFrames.Close close = frames.accept(frame);
        if (close == ClientFrames.Close.PROTOCOL_ERROR) {
            closeReason = "protocol error: the broker sent an unexpected " + frame.getClass().getSimpleName() + " frame";
            LOG.warn("closing TCP connection to {}: {}", peer, closeReason);
        }
        if (close != null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeReason != null) {
            return;
        }
        closeReason = TcpPipeline.reason(cause);
        if (!frames.closeExpected()) {
            LOG.warn("closing TCP connection to {}: {}", peer, closeReason);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        frames.fail(new JMSException("connection to broker " + peer + " lost"
                + (closeReason == null ? ": the broker closed it" : ": " + closeReason)));
        super.channelInactive(ctx);
    }
}
