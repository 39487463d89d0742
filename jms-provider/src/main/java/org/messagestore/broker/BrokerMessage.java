package org.messagestore.broker;

import org.messagestore.store.StoredReference;

import org.messagestore.model.MessageData;

/**
 * A message inside the broker: the client's immutable {@link MessageData} plus what the broker adds.
 *
 * @param storeId            broker-assigned, growing in arrival order; the key in the store and the
 *                           FIFO position in every queue that holds the message
 * @param data               the message
 * @param senderConnectionId the sending connection (for noLocal), null for recovered messages
 * @param senderClientId     the sending connection's client id, or null
 */
record BrokerMessage(long storeId, MessageData data, String senderConnectionId, String senderClientId) {

    /** JMSPriority clamped to 0..9 (Jakarta Messaging 3.1, 3.4.10 "JMSPriority"). */
    int priority() {
        return Math.max(0, Math.min(9, data.priority()));
    }

    boolean persistent() {
        return data.persistent();
    }

    /** A message read back from the store: its sender is no longer known. */
    static BrokerMessage stored(StoredReference reference) {
        return new BrokerMessage(reference.messageId(), reference.message(), null, null);
    }
}
