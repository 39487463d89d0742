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
    public static LengthDecoder lengthDecoder(int maxFrameBytes) {
        return new LengthDecoder(maxFrameBytes);
    }

    /**
     * The length-prefix splitter, which also tells whether the frame it split off last was the end of
     * what had arrived: Netty hands each frame on before it splits the next, so while a frame is handled
     * this says whether more bytes are already waiting behind it.
     */
    public static final class LengthDecoder extends LengthFieldBasedFrameDecoder {

        private boolean endedWhatArrived;

        private LengthDecoder(int maxFrameBytes) {
            super(maxFrameBytes + 4, 0, 4, 0, 4, true);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            Object frame = super.decode(ctx, in);
            if (frame != null) {
                endedWhatArrived = !in.isReadable();
            }
            return frame;
        }

        /** Whether no bytes had arrived behind the frame being handled. */
        public boolean endedWhatArrived() {
            return endedWhatArrived;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(FrameCodec.decode(frame));
    }
}
