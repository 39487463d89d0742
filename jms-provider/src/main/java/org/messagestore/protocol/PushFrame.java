package org.messagestore.protocol;

import org.messagestore.model.Delivery;

/** Frames one side sends on its own, answering nothing; their correlation id is always 0. */
public sealed interface PushFrame extends Frame {

    @Override
    default long correlationId() {
        return 0;
    }

    /** Broker → client: {@link org.messagestore.model.DeliverySink#deliver}. */
    record DeliveryPush(Delivery delivery) implements PushFrame {
    }

    /** Broker → client: {@link org.messagestore.model.DeliverySink#discardBuffered}. */
    record DiscardBuffered(long consumerId) implements PushFrame {
    }

    /** Broker → client: the broker closed the connection on its own (e.g. it is shutting down). */
    record ConnectionFailed(String exceptionClass, String message) implements PushFrame {
    }

    /** Broker → client: how far the management command of request {@code requestId} has come (protocol version 4). */
    record AdminProgressPush(long requestId, long done, long total) implements PushFrame {
    }

    /** Either way: "still here", sent when a side has written nothing for a heartbeat interval. */
    record Heartbeat() implements PushFrame {
    }
}
