package org.messagestore.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * The consumers attached to one {@link MessageQueue}, and which of them takes a message: the next one,
 * round-robin, that has credit and whose selector the message matches (Jakarta Messaging 3.1, 3.8);
 * for a message of a group (3.5.9 JMSXGroupID), the group's owner, chosen that way when the group's
 * first message is dispatched and released when it closes.
 *
 * <p>Threads: none of its own; guarded by the queue's lock, which every caller holds.
 */
final class QueueConsumers {

    private final List<ServerConsumer> attached = new ArrayList<>();
    private final MessageGroups groups = new MessageGroups();
    /** Where the round-robin search starts next. */
    private int next;

    void add(ServerConsumer consumer) {
        attached.add(consumer);
    }

    /** Detaches a consumer; its groups find new owners with their next messages. */
    void remove(ServerConsumer consumer) {
        consumer.detach();
        attached.remove(consumer);
        groups.release(consumer);
    }

    /** Detaches every consumer (the queue was deleted). */
    void removeAll() {
        attached.forEach(ServerConsumer::detach);
        attached.clear();
        groups.clear();
    }

    int size() {
        return attached.size();
    }

    boolean anyHasCredit() {
        for (ServerConsumer consumer : attached) {
            if (consumer.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The consumer that takes {@code reference} now, or null: none selects it, or its group's owner
     * cannot take it now (it then stays where it is).
     */
    ServerConsumer chooseFor(MessageReference reference) {
        String group = MessageGroups.groupOf(reference);
        if (group == null) {
            return nextFor(reference);
        }
        ServerConsumer owner = groups.ownerOf(group);
        if (owner != null) {
            return owner.hasCredit() && owner.selects(reference) ? owner : null;
        }
        ServerConsumer chosen = nextFor(reference);
        if (chosen != null) {
            groups.assign(group, chosen);
        }
        return chosen;
    }

    /** Hands {@code reference} to the consumer {@link #chooseFor} chose. */
    void deliver(ServerConsumer consumer, MessageReference reference) {
        consumer.deliver(reference);
        String group = MessageGroups.groupOf(reference);
        if (group != null) {
            groups.dispatched(group, reference);
        }
    }

    /** Groups with an owner; for tests. */
    int groupCount() {
        return groups.size();
    }

    private ServerConsumer nextFor(MessageReference reference) {
        int size = attached.size();
        for (int i = 0; i < size; i++) {
            int index = (next + i) % size;
            ServerConsumer candidate = attached.get(index);
            if (candidate.hasCredit() && candidate.selects(reference)) {
                next = (index + 1) % size;
                return candidate;
            }
        }
        return null;
    }
}
