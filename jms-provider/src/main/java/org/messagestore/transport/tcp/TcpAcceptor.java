package org.messagestore.transport.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.jms.JMSException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.messagestore.broker.Broker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Broker} over TCP: accepts connections on a host and port, and gives each its own
 * broker connection (see {@link ServerConnectionHandler}).
 *
 * <pre>{@code
 * TcpAcceptor acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0, TcpOptions.defaults());
 * new MessageStoreConnectionFactory("tcp://127.0.0.1:" + acceptor.port());
 * }</pre>
 *
 * <p>Threads, all owned here and stopped by {@link #close()}: {@code messagestore-tcp-accept-*} (one,
 * accepts), {@code messagestore-tcp-io-*} (event loops: decode, encode, heartbeats; never call the
 * broker), {@code messagestore-tcp-login-*} (logins, see {@link LoginGate}), {@code messagestore-tcp-broker-*} (a pool, grown on demand and idle threads dropped
 * after a minute, that runs broker calls; each connection uses at most one at a time, in order).
 * Closing the acceptor does not close the broker.
 */
public final class TcpAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService brokerCalls;
    private final LoginGate logins;
    private final ChannelGroup channels;
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TcpAcceptor(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ExecutorService brokerCalls,
                        LoginGate logins, ChannelGroup channels, Channel serverChannel) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.brokerCalls = brokerCalls;
        this.logins = logins;
        this.channels = channels;
        this.serverChannel = serverChannel;
    }

    /**
     * Starts accepting connections for {@code broker} on {@code host}:{@code port} (port 0: any free
     * port, see {@link #port()}). JMSException when the address cannot be bound.
     */
    public static TcpAcceptor start(Broker broker, String host, int port, TcpOptions options) throws JMSException {
        return start(broker, host, port, options, null);
    }

    /**
     * Likewise over TLS when {@code tls} is not null (every connection starts with the TLS handshake;
     * with {@link TlsOptions#needClientAuth()} a client without a trusted certificate is refused there).
     * JMSException also when the key or trust store cannot be read.
     */
    public static TcpAcceptor start(Broker broker, String host, int port, TcpOptions options, TlsOptions tls)
            throws JMSException {
        return start(broker, host, port, options, tls, ConnectionLimits.defaults());
    }

    /**
     * Likewise, keeping at most as many connections open as {@code limits} allow: one over a limit is
     * closed as soon as it is accepted.
     */
    public static TcpAcceptor start(Broker broker, String host, int port, TcpOptions options, TlsOptions tls,
                                    ConnectionLimits limits) throws JMSException {
        var gate = new ConnectionGate(limits);
        SslContext ssl = tls == null ? null : TlsContexts.forServer(tls);
        var acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("messagestore-tcp-accept", true),
                NioIoHandler.newFactory());
        var ioGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("messagestore-tcp-io", true),
                NioIoHandler.newFactory());
        var brokerCalls = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DefaultThreadFactory("messagestore-tcp-broker", true));
        var logins = new LoginGate();
        var loops = new LoopConnections();
        var channels = new DefaultChannelGroup("messagestore-tcp-" + broker.name(), GlobalEventExecutor.INSTANCE);
        var bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (!gate.admit(channel)) {
                            channel.close();
                            return;
                        }
                        channels.add(channel);
                        if (ssl != null) {
                            channel.pipeline().addLast(TcpPipeline.TLS, ssl.newHandler(channel.alloc()));
                        }
                        TcpPipeline.init(channel.pipeline(), options);
                        channel.pipeline().addLast("connection",
                                new ServerConnectionHandler(broker, options, new OrderedExecutor(brokerCalls), logins, loops));
                    }
                });
        var bind = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            var acceptor = new TcpAcceptor(acceptGroup, ioGroup, brokerCalls, logins, channels, null);
            acceptor.close();
            JMSException e = new JMSException("cannot listen on " + host + ":" + port + " for " + broker + ": " + bind.cause());
            e.initCause(bind.cause());
            throw e;
        }
        var acceptor = new TcpAcceptor(acceptGroup, ioGroup, brokerCalls, logins, channels, bind.channel());
        LOG.info("{} accepts {} connections on {}:{}", broker, tls == null ? "TCP" : "TLS" + (tls.needClientAuth()
                ? " (client certificate required)" : ""), host, acceptor.port());
        return acceptor;
    }

    /** The port actually listened on. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Whether it still listens: not closed, and its server socket still bound. */
    public boolean isListening() {
        return !closed.get() && serverChannel.isActive();
    }

    /**
     * Stops accepting, closes every connection (their broker connections close: uncommitted work rolls
     * back, unacknowledged messages return), and stops every thread of the acceptor.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        // Event loops first: their last tasks hand the broker connections' close to the pool.
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        logins.close();
        brokerCalls.shutdown();
        try {
            if (!brokerCalls.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("broker calls of closed TCP connections still running after 30 s; abandoning them");
                brokerCalls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            brokerCalls.shutdownNow();
        }
    }
}
