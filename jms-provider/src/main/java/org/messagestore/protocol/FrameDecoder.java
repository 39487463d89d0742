package org.messagestore.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns one length-stripped frame (from the {@link LengthFieldBasedFrameDecoder} that
 * {@link #lengthDecoder} makes) into a {@link Frame}. A bad frame surfaces as a
 * {@link io.netty.handler.codec.DecoderException} wrapping a {@link MalformedFrameException}, which
 * the connection's handler answers by closing the connection.
 *
 * <p>Threads: runs on the channel's event loop; one instance per channel.
 */
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

    public FrameDecoder() {
        super(ByteBuf.class);
    }

    /** Splits the stream at the 4-byte length prefix; fails fast on a frame longer than {@code maxFrameBytes}. */
    public static LengthFieldBasedFrameDecoder lengthDecoder(int maxFrameBytes) {
        return new LengthFieldBasedFrameDecoder(maxFrameBytes + 4, 0, 4, 0, 4, true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(FrameCodec.decode(frame));
    }
}
