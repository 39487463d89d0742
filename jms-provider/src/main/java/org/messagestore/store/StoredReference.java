package org.messagestore.store;

import java.util.Objects;
import org.messagestore.model.MessageData;

/**
 * One pending message of a stored queue, as a {@link ReferenceCursor} reads it back.
 *
 * @param position      where the reference sits in its queue: assigned by the store when the reference
 *                      was added, non-negative, and strictly increasing in the order references were
 *                      added to that queue (gaps allowed). Opaque otherwise: its only use is
 *                      {@link MessageStore#openCursor(QueueId, long)}, to resume after it
 * @param messageId     the broker-assigned id the message was stored under
 * @param message       the message
 * @param deliveryCount how many times it was delivered and taken back (see
 *                      {@link StoreOperation.UpdateDeliveryCount})
 * @param redeliverAt   not to be delivered again before this (epoch millis), after it came back with a
 *                      redelivery delay; 0 when due at once
 */
public record StoredReference(long position, long messageId, MessageData message, int deliveryCount, long redeliverAt) {

    /** A reference that is due at once. */
    public StoredReference(long position, long messageId, MessageData message, int deliveryCount) {
        this(position, messageId, message, deliveryCount, 0);
    }

    public StoredReference {
        Objects.requireNonNull(message, "message");
        if (position < 0) {
            throw new IllegalArgumentException("a stored position is never negative: " + position);
        }
    }
}
