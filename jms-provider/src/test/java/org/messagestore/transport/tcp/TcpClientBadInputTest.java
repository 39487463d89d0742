package org.messagestore.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagestore.client.MessageStoreConnectionFactory;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.RequestFrame;
import org.messagestore.protocol.ResponseFrame.Ok;

/**
 * What the client does with what a broker sends over tcp://, against a scripted broker on a plain
 * socket: frames split across reads are put together again; a frame too large, one that does not
 * decode, or one the client does not expect closes that connection and reaches its ExceptionListener
 * with the reason.
 */
class TcpClientBadInputTest {

    private static final int CLIENT_MAX_FRAME_BYTES = 4096;
    private static final long DETECTION_SECONDS = 10;

    private ServerSocket scriptedBroker;
    private Socket socket;

    @BeforeEach
    void listen() throws IOException {
        scriptedBroker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        scriptedBroker.close();
    }

    /** Connects a client while the scripted broker accepts, reads its Hello and writes {@code welcome} as given. */
    private Connection connect(byte[] welcome, boolean byteByByte) throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = scriptedBroker.accept();
                assertThat(readFrame(new DataInputStream(s.getInputStream()))).isInstanceOf(Hello.class);
                OutputStream out = s.getOutputStream();
                if (byteByByte) {
                    for (byte b : welcome) {
                        out.write(b);
                        out.flush();
                    }
                } else {
                    out.write(welcome);
                }
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Connection connection = new MessageStoreConnectionFactory("tcp://127.0.0.1:" + scriptedBroker.getLocalPort()
                + "?maxFrameBytes=" + CLIENT_MAX_FRAME_BYTES).createConnection();
        socket = accepted.get(DETECTION_SECONDS, TimeUnit.SECONDS);
        return connection;
    }

    private static Frame readFrame(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return FrameCodec.decode(Unpooled.wrappedBuffer(bytes));
    }

    private static byte[] welcome() {
        return RawClient.encode(new Welcome("scripted-1", TcpOptions.DEFAULT_HEARTBEAT_MILLIS, 1 << 20));
    }

    /** Sends {@code bytes} after the handshake and returns what the client's ExceptionListener heard. */
    private JMSException failureAfter(byte[] bytes) throws Exception {
        Connection connection = connect(welcome(), false);
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        connection.setExceptionListener(failure::complete);
        socket.getOutputStream().write(bytes);
        JMSException cause = failure.get(DETECTION_SECONDS, TimeUnit.SECONDS);
        connection.close(); // the connection has failed: closing it waits for nothing
        return cause;
    }

    @Test
    void aHandshakeThatArrivesOneByteAtATimeIsPutTogether() throws Exception {
        Connection connection = connect(welcome(), true);
        // The scripted broker answers the close; the client reads that answer after single bytes too.
        CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
            try {
                var in = new DataInputStream(socket.getInputStream());
                Frame request = readFrame(in);
                while (request instanceof RequestFrame r && r.oneWay()) {
                    request = readFrame(in);
                }
                for (byte b : RawClient.encode(new Ok(((RequestFrame) request).correlationId()))) {
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        connection.close();
        answered.get(DETECTION_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aFrameLargerThanTheClientAcceptsClosesTheConnection() throws Exception {
        byte[] header = ByteBuffer.allocate(4).putInt(CLIENT_MAX_FRAME_BYTES + 1).array();
        assertThat(failureAfter(header)).hasMessageContaining("lost")
                .hasMessageContaining("larger than this side accepts (" + CLIENT_MAX_FRAME_BYTES + " bytes");
    }

    @Test
    void aFrameThatDoesNotDecodeClosesTheConnection() throws Exception {
        byte[] garbage = ByteBuffer.allocate(7).putInt(3).put((byte) 0xEE).put((byte) 0).put((byte) 0).array();
        assertThat(failureAfter(garbage)).hasMessageContaining("lost").hasMessageContaining("MalformedFrameException");
    }

    @Test
    void aFrameTheClientDoesNotExpectClosesTheConnection() throws Exception {
        byte[] hello = RawClient.encode(new Hello(FrameCodec.VERSION, null, null, 1000, 1 << 20));
        assertThat(failureAfter(hello)).hasMessageContaining("protocol error: the broker sent an unexpected Hello frame");
    }
}
