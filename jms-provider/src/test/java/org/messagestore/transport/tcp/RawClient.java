package org.messagestore.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.PushFrame.Heartbeat;

/** A blocking socket that speaks (or deliberately breaks) the protocol, for tests that act as a misbehaving peer. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] encode(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeInt(0);
            FrameCodec.encode(frame, buf);
            buf.setInt(0, buf.readableBytes() - 4);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    void write(Frame frame) throws IOException {
        writeRaw(encode(frame));
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void hello(int heartbeatMillis) throws IOException {
        write(new Hello(FrameCodec.VERSION, null, null, heartbeatMillis, TcpOptions.DEFAULT_MAX_FRAME_BYTES));
    }

    /** The next frame other than a heartbeat. */
    Frame read() throws IOException {
        while (true) {
            int length = in.readInt();
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            Frame frame = FrameCodec.decode(Unpooled.wrappedBuffer(bytes));
            if (!(frame instanceof Heartbeat)) {
                return frame;
            }
        }
    }

    /** True once the peer has closed the connection (reads until end of stream, dropping frames). */
    boolean closedByPeer() {
        try {
            while (in.read() >= 0) {
                // drain whatever the peer still sends (heartbeats)
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
