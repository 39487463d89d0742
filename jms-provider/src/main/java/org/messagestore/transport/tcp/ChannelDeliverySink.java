package org.messagestore.transport.tcp;

import io.netty.channel.Channel;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;
import org.messagestore.protocol.PushFrame.DeliveryPush;
import org.messagestore.protocol.PushFrame.DiscardBuffered;

/**
 * The broker's sink for one remote consumer: each call becomes a frame, written in call order
 * (Netty keeps the order of writes made one after another, whatever thread makes them).
 *
 * <p>Threads: called by broker threads; never blocks (a write only queues the frame for the event loop).
 */
final class ChannelDeliverySink implements DeliverySink {

    private final Channel channel;
    private final long consumerId;

    ChannelDeliverySink(Channel channel, long consumerId) {
        this.channel = channel;
        this.consumerId = consumerId;
    }

    @Override
    public void deliver(Delivery delivery) {
        ServerConnectionHandler.write(channel, new DeliveryPush(delivery), ServerConnectionHandler.CLOSE_ON_WRITE_FAILURE);
    }

    @Override
    public void discardBuffered() {
        ServerConnectionHandler.write(channel, new DiscardBuffered(consumerId), ServerConnectionHandler.CLOSE_ON_WRITE_FAILURE);
    }
}
