package org.messagestore.transport.tcp;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.messagestore.broker.RefusalLog;
import org.slf4j.LoggerFactory;

/**
 * Admits accepted connections while the acceptor is within its {@link ConnectionLimits}, and counts
 * them until they close. A refused connection is closed at once and reported in the log at most once
 * per interval.
 *
 * <p>Threads: called on the event loops of the accepted channels; the counts are atomic.
 */
final class ConnectionGate {

    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> openByAddress = new ConcurrentHashMap<>();
    private final RefusalLog refusals =
            new RefusalLog(LoggerFactory.getLogger(TcpAcceptor.class), RefusalLog.DEFAULT_INTERVAL_MILLIS);

    ConnectionGate(ConnectionLimits limits) {
        this.limits = limits;
    }

    /** Counts {@code channel} in until it closes and returns true, or returns false when a limit is reached. */
    boolean admit(Channel channel) {
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            refusals.refused("refused a TCP connection from " + address.getHostAddress() + ": "
                    + limits.maxConnections() + " connections are open, the most allowed (maxConnections)");
            return false;
        }
        AtomicInteger fromAddress = openByAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > limits.maxConnectionsPerAddress()) {
            release(address);
            refusals.refused("refused a TCP connection from " + address.getHostAddress() + ": "
                    + limits.maxConnectionsPerAddress() + " connections from that address are open, the most "
                    + "allowed (maxConnectionsPerAddress)");
            return false;
        }
        channel.closeFuture().addListener(closed -> release(address));
        return true;
    }

    int open() {
        return open.get();
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        openByAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
