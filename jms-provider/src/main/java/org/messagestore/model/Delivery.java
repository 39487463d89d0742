package org.messagestore.model;


/**
 * One message handed by the broker to one consumer.
 *
 * @param consumerId    the consumer it was dispatched to
 * @param deliveryId    unique within the connection; names this delivery in later calls
 * @param message       the message
 * @param deliveryCount JMSXDeliveryCount: 1 on first delivery, +1 on every redelivery;
 *                      JMSRedelivered is {@code deliveryCount > 1}
 */
public record Delivery(long consumerId, long deliveryId, MessageData message, int deliveryCount) {

    public boolean redelivered() {
        return deliveryCount > 1;
    }
}
