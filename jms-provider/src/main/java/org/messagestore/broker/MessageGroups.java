package org.messagestore.broker;

import java.util.HashMap;
import java.util.Map;

/**
 * Sticky assignment of message groups to consumers on one queue. Jakarta Messaging 3.1, 3.5.9 "JMS
 * defined properties" defines {@code JMSXGroupID} ("identity of the message group this message is part
 * of") and {@code JMSXGroupSeq} and leaves their handling to the provider; we do what Artemis and
 * ActiveMQ users expect: every message of a group goes to the consumer that received the group's first
 * message (picked round-robin like any other message) for as long as that consumer is open, so the
 * group is processed in order by one consumer. When the owner closes, its groups are forgotten and the
 * next message of each is assigned afresh. A message with {@code JMSXGroupSeq} below zero closes its
 * group once dispatched (the ActiveMQ/Artemis convention), so long-lived consumers need not keep every
 * group they ever saw. Messages without a group id are not affected.
 *
 * <p>A group's messages wait for their owner: while it has no credit, or does not select one of them,
 * they stay in the queue and the messages behind them go on to other consumers. A message of the group
 * that comes back with a redelivery delay may be overtaken by later messages of its group.
 *
 * <p>Threads: guarded by the lock of the owning {@link MessageQueue}; not thread-safe by itself.
 */
final class MessageGroups {

    static final String GROUP_ID = "JMSXGroupID";
    static final String GROUP_SEQ = "JMSXGroupSeq";

    private final Map<String, ServerConsumer> owners = new HashMap<>();

    /** The message's group id, or null when it belongs to no group. */
    static String groupOf(MessageReference reference) {
        return reference.message().data().stringProperty(GROUP_ID);
    }

    /** The consumer that owns {@code group}, or null when the group is unassigned. */
    ServerConsumer ownerOf(String group) {
        return owners.get(group);
    }

    void assign(String group, ServerConsumer owner) {
        owners.put(group, owner);
    }

    /** After {@code reference} was dispatched: a negative JMSXGroupSeq ends its group. */
    void dispatched(String group, MessageReference reference) {
        if (reference.message().data().properties().get(GROUP_SEQ) instanceof Number seq && seq.intValue() < 0) {
            owners.remove(group);
        }
    }

    /** A consumer is leaving: its groups are free to be assigned again. */
    void release(ServerConsumer consumer) {
        owners.values().removeIf(owner -> owner == consumer);
    }

    void clear() {
        owners.clear();
    }

    int size() {
        return owners.size();
    }
}
