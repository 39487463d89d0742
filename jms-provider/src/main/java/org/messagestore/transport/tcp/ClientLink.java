package org.messagestore.transport.tcp;

import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * The client's end of one connection to a broker, below the requests: writes frames and closes.
 * Frames that arrive go to the {@link ClientFrames} the link was opened with.
 *
 * <p>Threads: {@link #write} from any thread, frames in the order of the calls; {@link #close} from
 * any thread, waiting for the link's own thread unless called there.
 */
interface ClientLink {

    /** For frames a caller encodes on its own thread (see {@link #write}). */
    ByteBufAllocator alloc();

    /**
     * Writes {@code frame}: a request frame, or a ByteBuf holding one already encoded with its length
     * prefix (released here). Without {@code flush} it may wait to leave with the next flushed write.
     * {@code failed} hears a frame that could not be written.
     */
    void write(Object frame, boolean flush, Consumer<Throwable> failed);

    /** Sends whatever waits for a flush. */
    void flush();

    /** Whether the connection is still open. */
    boolean isActive();

    /** Closes the connection and stops the link's thread. */
    void close();
}
