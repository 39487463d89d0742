package org.messagestore.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Writes each {@link Frame} as a 4-byte length followed by {@link FrameCodec#encode}. A frame larger
 * than the peer accepts is refused here (the write fails) instead of making the peer drop the
 * connection.
 *
 * <p>Threads: runs on the channel's event loop; {@link #peerMaxFrameBytes} is set there too, once the
 * handshake told us the peer's limit.
 */
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

    private int peerMaxFrameBytes;

    public FrameEncoder(int peerMaxFrameBytes) {
        super(Frame.class);
        this.peerMaxFrameBytes = peerMaxFrameBytes;
    }

    public void peerMaxFrameBytes(int max) {
        this.peerMaxFrameBytes = max;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) throws TooLongFrameException {
        write(frame, out, peerMaxFrameBytes);
    }

    /**
     * Appends {@code frame} with its length prefix to {@code out}, or throws, leaving {@code out} as it
     * was, when it is larger than {@code peerMaxFrameBytes}. A sender may call it on its own thread
     * and write the bytes; the encoder passes a ByteBuf through unchanged.
     */
    public static void write(Frame frame, ByteBuf out, int peerMaxFrameBytes) throws TooLongFrameException {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        FrameCodec.encode(frame, out);
        int length = out.writerIndex() - lengthIndex - 4;
        if (length > peerMaxFrameBytes) {
            out.writerIndex(lengthIndex);
            throw new TooLongFrameException("a " + frame.getClass().getSimpleName() + " frame of " + length
                    + " bytes is larger than the peer accepts (" + peerMaxFrameBytes + " bytes, option maxFrameBytes)");
        }
        out.setInt(lengthIndex, length);
    }
}
