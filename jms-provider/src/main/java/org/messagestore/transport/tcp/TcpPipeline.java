package org.messagestore.transport.tcp;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.IOException;
import org.messagestore.protocol.FrameDecoder;
import org.messagestore.protocol.FrameEncoder;

/**
 * The handlers both sides put before their own: flush batching, framing, frame codec, heartbeats. With
 * TLS, the SslHandler ({@link #TLS}) comes before all of them: frames are encrypted as a whole.
 */
final class TcpPipeline {

    private static final String ENCODER = "encoder";
    private static final String LENGTH = "length";
    /** The SslHandler, first in the pipeline when the connection uses TLS. */
    static final String TLS = "tls";

    private TcpPipeline() {
    }

    static void init(ChannelPipeline pipeline, TcpOptions options) {
        // Many small frames (deliveries, consumed reports) written in a burst go out in one syscall.
        pipeline.addLast("flush", new FlushConsolidationHandler(256, true));
        pipeline.addLast(LENGTH, FrameDecoder.lengthDecoder(options.maxFrameBytes()));
        pipeline.addLast("decoder", new FrameDecoder());
        // Until the handshake says otherwise, assume the peer accepts what we accept.
        pipeline.addLast(ENCODER, new FrameEncoder(options.maxFrameBytes()));
        Heartbeats.install(pipeline, options.heartbeatMillis());
    }

    /** After the handshake: the peer's frame limit and the agreed heartbeat interval. */
    static void agreed(ChannelPipeline pipeline, int peerMaxFrameBytes, int heartbeatMillis) {
        ((FrameEncoder) pipeline.get(ENCODER)).peerMaxFrameBytes(peerMaxFrameBytes);
        Heartbeats.install(pipeline, heartbeatMillis);
    }

    /** The pipeline's length-prefix splitter, which knows whether more bytes wait behind a frame. */
    static FrameDecoder.LengthDecoder lengthDecoder(ChannelPipeline pipeline) {
        return (FrameDecoder.LengthDecoder) pipeline.get(LENGTH);
    }

    /** What to log when a connection is closed because of {@code cause}: the frame error, not the wrapper. */
    static String reason(Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (root instanceof io.netty.handler.ssl.NotSslRecordException) {
            // Netty's message is a hex dump of what arrived: from a tcp:// client, its Hello frame with the password.
            return "NotSslRecordException: the peer does not speak TLS (a tcp:// client on a TLS port?)";
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A peer that went away (reset, broken pipe) is normal; anything else is worth a warning. */
    static boolean isDisconnect(Throwable cause) {
        return cause instanceof IOException;
    }
}
