package org.messagestore.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.TooLongFrameException;
import jakarta.jms.JMSException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.messagestore.protocol.Frame;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.FrameEncoder;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.protocol.MalformedFrameException;
import org.messagestore.protocol.PushFrame.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client link on a plain socket (tcp://). The calling thread writes its frame to the socket itself,
 * under a lock, so a request costs no hand-over to another thread on its way out; one reading thread
 * per connection ({@code messagestore-tcp-client-*}) decodes what arrives and hands it to
 * {@link ClientFrames}. A write without a flush stays in the link's buffer until the next flushed one.
 * The lock is held while writing to the socket, against our rule of no I/O under a lock: it is what
 * keeps frames whole, and a queue with a writer thread would bring back the hand-over this link is
 * for. A writer waits only while another frame goes out (the broker's event loop always reads).
 *
 * <p>A flush asked for while the reading thread is handing on what a read brought is left to that
 * thread, which flushes once when it is done: the deliveries of a burst are reported consumed in one
 * write, as Netty's flush consolidation does.
 *
 * <p>The reading thread also keeps the connection healthy as {@link Heartbeats} does on Netty: it
 * writes a heartbeat when nothing was flushed for an interval, and gives the connection up when
 * nothing arrived for {@link TcpOptions#MISSED_HEARTBEATS} intervals. It wakes at least every half
 * interval to look.
 */
final class SocketClientLink implements ClientLink {

    private static final Logger LOG = LoggerFactory.getLogger(SocketClientLink.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);
    private static final int READ_CHUNK = 64 * 1024;
    private static final int WRITE_BUFFER = 16 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final ClientFrames frames;
    private final String peer;
    /** The largest frame this side accepts. */
    private final int maxFrameBytes;
    private final Thread reader;
    /** Completed when the reading thread ends; {@code join} waits for it whatever interrupts the caller. */
    private final CompletableFuture<Void> readerEnded = new CompletableFuture<>();
    private volatile int peerMaxFrameBytes;
    private volatile int heartbeatMillis;
    private volatile long lastFlushNanos = System.nanoTime();
    /** Set by the reading thread while it hands on what one read brought; cleared under {@link #writing}. */
    private volatile boolean readingFrames;
    /** A flush asked for while {@link #readingFrames}: the reading thread does it when it is done. Guarded by {@link #writing}. */
    private boolean flushAfterReading;
    /** Why this side closed the connection; null while open, or when the broker closed it. */
    private volatile String closeReason;

    private SocketClientLink(Socket socket, ClientFrames frames, String peer, TcpOptions options) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER);
        this.frames = frames;
        this.peer = peer;
        this.maxFrameBytes = options.maxFrameBytes();
        // Until the handshake says otherwise, assume the peer accepts what we accept.
        this.peerMaxFrameBytes = options.maxFrameBytes();
        this.heartbeatMillis = options.heartbeatMillis();
        socket.setSoTimeout(lookInterval(heartbeatMillis));
        this.reader = new Thread(this::readUntilClosed, "messagestore-tcp-client-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
    }

    /** Connects to {@code host}:{@code port} and starts reading; JMSException if it cannot connect in time. */
    static SocketClientLink open(String host, int port, TcpOptions options, ClientFrames frames, String peer)
            throws JMSException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), options.connectTimeoutMillis());
            var link = new SocketClientLink(socket, frames, peer, options);
            link.reader.start();
            return link;
        } catch (IOException e) {
            closeQuietly(socket);
            JMSException failure = new JMSException("cannot connect to broker " + peer + ": " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return HEAP;
    }

    @Override
    public void write(Object frame, boolean flush, Consumer<Throwable> failed) {
        ByteBuf bytes;
        try {
            bytes = frame instanceof ByteBuf encoded ? encoded : encode((Frame) frame);
        } catch (TooLongFrameException e) {
            failed.accept(e);
            return;
        }
        IOException failure = null;
        writing.lock();
        try {
            if (socket.isClosed()) {
                throw new ClosedChannelException();
            }
            bytes.getBytes(bytes.readerIndex(), out, bytes.readableBytes());
            if (flush && readingFrames) {
                flushAfterReading = true;
            } else if (flush) {
                flushLocked();
            }
        } catch (IOException e) {
            failure = e;
            brokenBy(e);
        } finally {
            writing.unlock();
            bytes.release();
        }
        if (failure != null) {
            failed.accept(failure);
        }
    }

    @Override
    public void flush() {
        writing.lock();
        try {
            flushLocked();
        } catch (IOException e) {
            brokenBy(e);
        } finally {
            writing.unlock();
        }
    }

    /** A write failed: part of a frame may have left, so the stream is broken. The reading thread reports it. */
    private void brokenBy(IOException failure) {
        closedBecause(TcpPipeline.reason(failure));
        closeQuietly(socket);
    }

    private void flushLocked() throws IOException {
        flushAfterReading = false;
        out.flush();
        lastFlushNanos = System.nanoTime();
    }

    private ByteBuf encode(Frame frame) throws TooLongFrameException {
        ByteBuf bytes = HEAP.heapBuffer();
        try {
            FrameEncoder.write(frame, bytes, peerMaxFrameBytes);
            return bytes;
        } catch (RuntimeException e) { // TooLongFrameException above all
            bytes.release();
            throw e;
        }
    }

    @Override
    public boolean isActive() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        closeQuietly(socket);
        if (Thread.currentThread() != reader) {
            readerEnded.join();
        }
    }

    // ---- the reading thread

    private void readUntilClosed() {
        try {
            read();
        } catch (IOException | MalformedFrameException | TooLongFrameException | PeerSilentException e) {
            closedBecause(TcpPipeline.reason(e));
        } catch (RuntimeException e) {
            LOG.error("reading from broker {} failed unexpectedly", peer, e);
            closedBecause(TcpPipeline.reason(e));
        } finally {
            try {
                closeQuietly(socket);
                String reason = closeReason;
                if (reason != null && !frames.closeExpected()) {
                    LOG.warn("closing TCP connection to {}: {}", peer, reason);
                }
                frames.fail(new JMSException("connection to broker " + peer + " lost"
                        + (reason == null ? ": the broker closed it" : ": " + reason)));
            } finally {
                readerEnded.complete(null);
            }
        }
    }

    /** Keeps the first reason: a failed write closes the socket, and the read it breaks says less. */
    private void closedBecause(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Reads until the broker closes the connection or a frame says to close it. */
    private void read() throws IOException, PeerSilentException {
        InputStream in = socket.getInputStream();
        ByteBuf received = HEAP.heapBuffer(READ_CHUNK);
        try {
            long lastReadNanos = System.nanoTime();
            while (true) {
                int read;
                try {
                    received.ensureWritable(READ_CHUNK);
                    read = received.writeBytes(in, READ_CHUNK);
                } catch (SocketTimeoutException e) {
                    read = 0;
                }
                long now = System.nanoTime();
                if (read < 0) {
                    return;
                }
                if (read > 0) {
                    lastReadNanos = now;
                    readingFrames = true;
                    boolean open = handFrames(received);
                    doneReadingFrames();
                    if (!open) {
                        return;
                    }
                    received.discardReadBytes();
                }
                keepAlive(now, lastReadNanos);
            }
        } finally {
            received.release();
        }
    }

    /** Flushes what was written, unflushed, while the frames of one read were handed on. */
    private void doneReadingFrames() throws IOException {
        writing.lock();
        try {
            readingFrames = false;
            if (flushAfterReading) {
                flushLocked();
            }
        } finally {
            writing.unlock();
        }
    }

    /** Hands every whole frame in {@code received} on; false when one closes the connection. */
    private boolean handFrames(ByteBuf received) throws IOException {
        while (received.readableBytes() >= 4) {
            int length = received.getInt(received.readerIndex());
            if (length < 0 || length > maxFrameBytes) {
                throw new TooLongFrameException("a frame of " + Integer.toUnsignedString(length)
                        + " bytes is larger than this side accepts (" + maxFrameBytes + " bytes, option maxFrameBytes)");
            }
            if (received.readableBytes() < 4 + length) {
                return true;
            }
            received.skipBytes(4);
            Frame frame = FrameCodec.decode(received.readSlice(length));
            if (frame instanceof Welcome welcome && !frames.handshake.isDone()) {
                agreed(welcome);
            }
            ClientFrames.Close close = frames.accept(frame);
            if (close == ClientFrames.Close.PROTOCOL_ERROR) {
                closedBecause("protocol error: the broker sent an unexpected " + frame.getClass().getSimpleName() + " frame");
            }
            if (close != null) {
                return false;
            }
        }
        return true;
    }

    private void agreed(Welcome welcome) throws IOException {
        peerMaxFrameBytes = welcome.maxFrameBytes();
        heartbeatMillis = welcome.heartbeatMillis();
        socket.setSoTimeout(lookInterval(heartbeatMillis));
    }

    /** Gives up on a silent broker; writes a heartbeat when nothing was flushed for an interval (unless a write is under way). */
    private void keepAlive(long now, long lastReadNanos) throws PeerSilentException {
        long interval = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
        if (now - lastReadNanos >= interval * TcpOptions.MISSED_HEARTBEATS) {
            throw new PeerSilentException((long) heartbeatMillis * TcpOptions.MISSED_HEARTBEATS);
        }
        if (now - lastFlushNanos >= interval && !writing.isLocked()) {
            write(new Heartbeat(), true, failure -> { });
        }
    }

    private static int lookInterval(int heartbeatMillis) {
        return Math.max(1, heartbeatMillis / 2);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "socket link to " + peer;
    }
}
