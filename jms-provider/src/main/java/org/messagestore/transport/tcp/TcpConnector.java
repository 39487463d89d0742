package org.messagestore.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.jms.JMSException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConnectionListener;
import org.messagestore.protocol.FrameCodec;
import org.messagestore.protocol.HandshakeFrame.Hello;
import org.messagestore.protocol.HandshakeFrame.Welcome;
import org.messagestore.transport.BrokerAddress;
import org.messagestore.transport.Connector;

/**
 * Connects to a broker in another process: {@code tcp://host:port?heartbeatMillis=..&maxFrameBytes=..
 * &connectTimeoutMillis=..} (see {@link TcpOptions}; port default {@value TcpOptions#DEFAULT_PORT}), or
 * over TLS: {@code ssl://host:port?trustStore=..&trustStorePassword=..[&keyStore=..&keyStorePassword=..]}
 * (see {@link TlsOptions#fromClientUrl}).
 * Each connection gets its own socket and one thread of its own that reads it. Over tcp:// the thread
 * that makes a request writes it to the socket itself ({@link SocketClientLink}); over ssl:// a Netty
 * event loop does the TLS work and the writing ({@link NettyClientLink}).
 *
 * <p>Threads: {@link #connect} runs on the caller's thread and waits there for the socket and the
 * handshake; it keeps no state between calls.
 */
public final class TcpConnector implements Connector {

    private final BrokerAddress address;
    private final TcpOptions options;
    /** Null for tcp://. */
    private final TlsOptions tls;

    public TcpConnector(BrokerAddress address) {
        if (!"tcp".equals(address.scheme()) && !"ssl".equals(address.scheme())) {
            throw new IllegalArgumentException("TcpConnector needs a tcp:// or ssl:// address, not " + address.scheme() + "://");
        }
        this.address = address;
        this.options = TcpOptions.from(address);
        this.tls = "ssl".equals(address.scheme()) ? TlsOptions.fromClientUrl(address) : null;
    }

    private int port() {
        return address.port() < 0 ? TcpOptions.DEFAULT_PORT : address.port();
    }

    @Override
    public BrokerConnection connect(String user, String password, ConnectionListener listener) throws JMSException {
        String peer = toString();
        PendingRequests pending = new PendingRequests();
        ClientFrames frames = new ClientFrames(pending);
        ClientLink link = tls == null ? SocketClientLink.open(address.host(), port(), options, frames, peer) : openTls(frames, peer);
        try {
            // A Hello that cannot be written ends the connection, and the link reports that with its reason
            // (over TLS, often a certificate the broker refused), which says more than the write's failure.
            link.write(new Hello(FrameCodec.VERSION, user, password, options.heartbeatMillis(), options.maxFrameBytes()),
                    true, cause -> { });
            Welcome welcome = awaitHandshake(frames, peer);
            var connection = new TcpBrokerConnection(link, frames, pending, welcome.connectionId(), peer, welcome.maxFrameBytes());
            if (listener != null) {
                frames.onFailure(listener::connectionFailed);
            }
            if (pending.failure() != null) {
                // Failed between the handshake and the listener's registration: nobody was told.
                connection.close();
                throw pending.failure();
            }
            return connection;
        } catch (JMSException | RuntimeException e) {
            frames.expectClose();
            link.close();
            throw e;
        }
    }

    /** ssl://: a Netty channel with its SslHandler, on an event loop of its own. */
    private ClientLink openTls(ClientFrames frames, String peer) throws JMSException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("messagestore-tcp-client", true),
                NioIoHandler.newFactory());
        Channel channel;
        try {
            channel = openChannel(group, new ClientConnectionHandler(frames, peer), peer, TlsContexts.forClient(tls));
        } catch (JMSException | RuntimeException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        var link = new NettyClientLink(channel, group);
        try {
            awaitTls(channel, peer);
        } catch (JMSException e) {
            link.close();
            throw e;
        }
        return link;
    }

    private Channel openChannel(EventLoopGroup group, ClientConnectionHandler handler, String peer, SslContext ssl) throws JMSException {
        var bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // Host and port: for SNI and for checking the name in the broker's certificate.
                        channel.pipeline().addLast(TcpPipeline.TLS, ssl.newHandler(channel.alloc(), address.host(), port()));
                        TcpPipeline.init(channel.pipeline(), options);
                        channel.pipeline().addLast("connection", handler);
                    }
                });
        var connect = bootstrap.connect(address.host(), port()).awaitUninterruptibly();
        if (!connect.isSuccess()) {
            JMSException e = new JMSException("cannot connect to broker " + peer + ": " + connect.cause());
            e.initCause(connect.cause());
            throw e;
        }
        return connect.channel();
    }

    /**
     * Waits for the TLS handshake so that its failure (an untrusted or misnamed broker certificate)
     * is reported as such. With TLS 1.3 the broker checks the client's certificate after this side's
     * handshake is done; a refusal there shows as the connection lost during the protocol handshake.
     */
    private void awaitTls(Channel channel, String peer) throws JMSException {
        var future = channel.pipeline().get(SslHandler.class).handshakeFuture();
        if (!future.awaitUninterruptibly(options.connectTimeoutMillis(), TimeUnit.MILLISECONDS)) {
            channel.close();
            throw new JMSException("TLS handshake with broker " + peer + " did not finish within "
                    + options.connectTimeoutMillis() + " ms (option connectTimeoutMillis)");
        }
        if (!future.isSuccess()) {
            channel.close();
            Throwable cause = future.cause();
            JMSException e = new JMSException("TLS handshake with broker " + peer + " failed: " + rootMessage(cause)
                    + " (check the options trustStore, keyStore and verifyHostname)");
            if (cause instanceof Exception ex) {
                e.setLinkedException(ex);
            }
            e.initCause(cause);
            throw e;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (" + root.getMessage() + ")";
    }

    private Welcome awaitHandshake(ClientFrames frames, String peer) throws JMSException {
        try {
            return frames.handshake.get(options.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JMSException jms) {
                throw jms;
            }
            JMSException wrapped = new JMSException("handshake with broker " + peer + " failed: " + e.getCause());
            wrapped.initCause(e.getCause());
            throw wrapped;
        } catch (TimeoutException e) {
            throw new JMSException("broker " + peer + " did not answer the handshake within "
                    + options.connectTimeoutMillis() + " ms (option connectTimeoutMillis)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while connecting to broker " + peer);
        }
    }

    @Override
    public String toString() {
        return address.scheme() + "://" + address.host() + ":" + port();
    }
}
