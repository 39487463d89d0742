package org.messagestore.transport.tcp;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections each of an acceptor's event loops serves. A loop serving a single connection
 * may let the store sync on it ({@link org.messagestore.model.DiskWaits}): it has nobody else to
 * serve meanwhile. (Netty's own count of a loop's channels is not kept by its I/O event loops.)
 *
 * <p>Threads: each loop counts its own channels; any thread may read.
 */
final class LoopConnections {

    private final Map<EventLoop, AtomicInteger> connections = new ConcurrentHashMap<>();

    void opened(EventLoop loop) {
        connections.computeIfAbsent(loop, any -> new AtomicInteger()).incrementAndGet();
    }

    void closed(EventLoop loop) {
        connections.get(loop).decrementAndGet();
    }

    /** Whether {@code loop} serves more than one connection. */
    boolean servesSeveral(EventLoop loop) {
        AtomicInteger count = connections.get(loop);
        return count == null || count.get() > 1;
    }
}
