package org.messagestore.transport.tcp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client link on a Netty channel with an event loop of its own ({@code messagestore-tcp-client-*}),
 * used for ssl://: TLS is done by Netty's SslHandler. A write from another thread is queued for the
 * event loop; one without a flush does not wake it.
 */
final class NettyClientLink implements ClientLink {

    private final Channel channel;
    private final EventLoopGroup group;

    NettyClientLink(Channel channel, EventLoopGroup group) {
        this.channel = channel;
        this.group = group;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void write(Object frame, boolean flush, Consumer<Throwable> failed) {
        var promise = channel.newPromise().addListener(write -> {
            if (!write.isSuccess()) {
                failed.accept(write.cause());
            }
        });
        if (flush) {
            channel.writeAndFlush(frame, promise);
        } else {
            channel.write(frame, promise);
        }
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void close() {
        boolean onEventLoop = channel.eventLoop().inEventLoop();
        var closing = channel.close();
        var stopping = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!onEventLoop) {
            closing.awaitUninterruptibly();
            stopping.awaitUninterruptibly();
        }
    }
}
