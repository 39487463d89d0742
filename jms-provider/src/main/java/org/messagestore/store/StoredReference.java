package org.messagestore.store;

import java.util.Objects;
import org.messagestore.protocol.MessageData;

/**
 * One pending message of a stored queue, as read back after a restart.
 *
 * @param messageId     the broker-assigned id the message was stored under
 * @param message       the message
 * @param deliveryCount how many times it was delivered and taken back (see
 *                      {@link StoreOperation.UpdateDeliveryCount})
 */
public record StoredReference(long messageId, MessageData message, int deliveryCount) {

    public StoredReference {
        Objects.requireNonNull(message, "message");
    }
}
