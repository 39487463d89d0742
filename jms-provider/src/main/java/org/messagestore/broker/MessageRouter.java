package org.messagestore.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.messagestore.model.MessageData;
import org.messagestore.store.MessageStore;
import org.messagestore.store.StoreOperation;

/**
 * Turns a sent message into references on the queues that receive it, and into the store work that
 * makes it durable: the body once, one reference per durable queue. Non-persistent messages and
 * non-durable queues skip the store (Jakarta Messaging 3.1, 4.7 "Message delivery mode").
 *
 * <p>Every store write that adds references goes through {@link #storing} before the write, then
 * {@link #enqueue} after it is durable or {@link #abandon} if it failed, so that a paging queue knows
 * which of its writes are in flight ({@link QueuePaging}).
 *
 * <p>Threads: stateless apart from the id counter; called from client threads. A durable send is
 * enqueued on the thread that completes the store write.
 */
final class MessageRouter {

    /** A message and the queues it goes to. */
    record Routed(BrokerMessage message, List<MessageQueue> targets) {
    }

    private final MessageStore store;
    private final AtomicLong storeIds = new AtomicLong();

    MessageRouter(MessageStore store) {
        this.store = store;
    }

    /** After recovery: new ids continue above every stored one, keeping arrival order. */
    void continueAfter(long highestStoredId) {
        storeIds.accumulateAndGet(highestStoredId, Math::max);
    }

    /**
     * The id of the last message accepted so far: a message with a higher id arrived after this call
     * (an operator's sweep leaves those alone, so that it ends while producers go on sending).
     */
    long lastAcceptedId() {
        return storeIds.get();
    }

    BrokerMessage accept(MessageData data, String senderConnectionId, String senderClientId) {
        return new BrokerMessage(storeIds.incrementAndGet(), data, senderConnectionId, senderClientId);
    }

    /** Where the message goes now; for a topic, to each subscription that takes it (none: dropped). */
    Routed route(BrokerMessage message, Address address) {
        return new Routed(message, address.targets(message));
    }

    List<StoreOperation> storeOperations(Routed routed) {
        BrokerMessage message = routed.message();
        List<StoreOperation> work = new ArrayList<>();
        if (!message.persistent()) {
            return work;
        }
        for (MessageQueue target : routed.targets()) {
            if (target.durable()) {
                work.add(new StoreOperation.AddReference(target.storeQueue(), message.storeId()));
            }
        }
        if (!work.isEmpty()) {
            work.add(0, new StoreOperation.AddMessage(message.storeId(), message.data()));
        }
        return work;
    }

    /** Before the store write of {@code routed}: its durable targets learn a write is in flight. */
    void storing(Routed routed) {
        for (MessageQueue target : routed.targets()) {
            target.writeStarted(routed.message());
        }
    }

    /** After the store write (or without one): the message arrives at its targets. */
    void enqueue(Routed routed) {
        for (MessageQueue target : routed.targets()) {
            target.arrived(new MessageReference(routed.message(), 0));
        }
    }

    /** The store write of {@code routed} failed: nothing arrives. */
    void abandon(Routed routed) {
        for (MessageQueue target : routed.targets()) {
            target.writeFailed(routed.message(), null);
        }
    }

    /**
     * A non-transacted send: durable, for a persistent message, when the returned future completes.
     *
     * <p>Consumers may have it sooner: while its store write is in flight the message already enters
     * the queues that have room ({@link MessageQueue#arrivedEarly}), so that a consumer can take and
     * acknowledge it before the write is flushed, and the store drops the add and its removal together
     * (issue 4, "do not write what is already gone"). This is safe because the store applies batches in
     * order: the acknowledgement's batch comes after the add's, so it completes only once the message
     * is durable or elided, and the sender hears of success only then. Should the write fail, the sender
     * gets the error and the message leaves the queues where it is still waiting; a consumer that took
     * it already keeps it (the store has nothing to remove).
     */
    CompletableFuture<Void> send(BrokerMessage message, Address address) {
        Routed routed = route(message, address);
        List<StoreOperation> work = storeOperations(routed);
        if (work.isEmpty()) {
            enqueue(routed);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        storing(routed);
        // The write is handed to the store before anyone can take the message, so the add precedes any removal.
        CompletableFuture<Void> write = store.apply(work);
        MessageReference[] takenEarly = write.isDone() ? new MessageReference[routed.targets().size()] : enqueueEarly(routed);
        write.whenComplete((ignored, failure) -> {
            for (int i = 0; i < takenEarly.length; i++) {
                MessageQueue target = routed.targets().get(i);
                if (failure != null) {
                    target.writeFailed(routed.message(), takenEarly[i]);
                } else if (takenEarly[i] != null) {
                    target.writeCompleted(routed.message());
                } else {
                    target.arrived(new MessageReference(routed.message(), 0));
                }
            }
            if (failure != null) {
                accepted.completeExceptionally(StoreCalls.failure("store a persistent message for " + address.name(), failure));
            } else {
                accepted.complete(null);
            }
        });
        return accepted;
    }

    /** The reference each target (by index) took in while the store write is in flight, or null. */
    private static MessageReference[] enqueueEarly(Routed routed) {
        MessageReference[] takenEarly = new MessageReference[routed.targets().size()];
        for (int i = 0; i < takenEarly.length; i++) {
            MessageReference reference = new MessageReference(routed.message(), 0);
            takenEarly[i] = routed.targets().get(i).arrivedEarly(reference) ? reference : null;
        }
        return takenEarly;
    }
}
