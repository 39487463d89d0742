package org.messagestore.store;

import java.util.List;
import java.util.Objects;
import org.messagestore.model.BranchXid;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/**
 * One record of work handed to {@link MessageStore#apply}. The set is closed: a store implements
 * exactly these, and a batch of them is applied atomically (all or none survive a crash).
 *
 * <p>Messages are stored once ({@link AddMessage}) and referenced by every stored queue that holds
 * them ({@link AddReference}); the store deletes a message with its last reference. An
 * acknowledgement is a {@link RemoveReference}.
 */
public sealed interface StoreOperation {

    /**
     * Stores a message body and headers under a broker-assigned id. Must be referenced by an
     * {@link AddReference} in the same batch (or in the same prepared transaction), else the store
     * may drop it at once.
     */
    record AddMessage(long messageId, MessageData message) implements StoreOperation {
        public AddMessage {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Appends a reference to a stored message at the end of a stored queue, with delivery count 0. */
    record AddReference(QueueId queue, long messageId) implements StoreOperation {
        public AddReference {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /** Removes a reference (an acknowledgement, an expiry); deletes the message with its last reference. */
    record RemoveReference(QueueId queue, long messageId) implements StoreOperation {
        public RemoveReference {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * Records how many times a referenced message was delivered and taken back (rollback, recover,
     * session close); its next delivery carries JMSXDeliveryCount = deliveryCount + 1. A redelivery
     * delay is stored with it: the message is not delivered again before {@code redeliverAt} (epoch
     * millis; 0 when it is due at once), even after a restart.
     */
    record UpdateDeliveryCount(QueueId queue, long messageId, int deliveryCount, long redeliverAt) implements StoreOperation {
        public UpdateDeliveryCount {
            Objects.requireNonNull(queue, "queue");
            redeliverAt = Math.max(0, redeliverAt);
        }

        /** A new delivery count, due at once. */
        public UpdateDeliveryCount(QueueId queue, long messageId, int deliveryCount) {
            this(queue, messageId, deliveryCount, 0);
        }
    }

    /** Records a queue or topic so that it exists after a restart. */
    record AddDestination(DestinationName destination) implements StoreOperation {
        public AddDestination {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** Forgets a queue or topic; for a queue, also its references. */
    record RemoveDestination(DestinationName destination) implements StoreOperation {
        public RemoveDestination {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** Records a durable subscription (its stored queue starts empty). */
    record AddSubscription(DurableSubscriptionRecord subscription) implements StoreOperation {
        public AddSubscription {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /** Deletes a durable subscription and every reference its queue holds. */
    record RemoveSubscription(DurableSubscriptionRecord subscription) implements StoreOperation {
        public RemoveSubscription {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /**
     * XA phase one: makes {@code work} durable as a prepared transaction without applying it. It is
     * returned by {@link MessageStore#recover} until a {@link CommitPrepared} or
     * {@link RollbackPrepared} for the same Xid. {@code work} holds no transaction operations.
     * {@code preparedAt} (epoch millis) is kept with it, so an operator sees how long it has been in doubt.
     */
    record PrepareTransaction(BranchXid xid, List<StoreOperation> work, long preparedAt) implements StoreOperation {
        public PrepareTransaction {
            Objects.requireNonNull(xid, "xid");
            work = List.copyOf(work);
            for (StoreOperation op : work) {
                if (op instanceof PrepareTransaction || op instanceof CommitPrepared || op instanceof RollbackPrepared
                        || op instanceof RecordHeuristic || op instanceof ForgetHeuristic) {
                    throw new IllegalArgumentException("a prepared transaction cannot contain " + op);
                }
            }
        }

        /** Prepared now. */
        public PrepareTransaction(BranchXid xid, List<StoreOperation> work) {
            this(xid, work, System.currentTimeMillis());
        }
    }

    /** XA phase two: applies the work prepared under {@code xid} and forgets the prepared record. */
    record CommitPrepared(BranchXid xid) implements StoreOperation {
        public CommitPrepared {
            Objects.requireNonNull(xid, "xid");
        }
    }

    /** XA rollback of a prepared branch: forgets its work. */
    record RollbackPrepared(BranchXid xid) implements StoreOperation {
        public RollbackPrepared {
            Objects.requireNonNull(xid, "xid");
        }
    }

    /**
     * Records that a prepared branch was completed by an operator rather than by its transaction manager
     * (a heuristic decision), in the same batch as the {@link CommitPrepared} or {@link RollbackPrepared}
     * that carried it out. It is returned by {@link MessageStore#recover} until {@link ForgetHeuristic},
     * so the transaction manager hears of it even after a restart.
     */
    record RecordHeuristic(HeuristicOutcome outcome) implements StoreOperation {
        public RecordHeuristic {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The transaction manager has heard of a heuristic decision: the record goes. */
    record ForgetHeuristic(BranchXid xid) implements StoreOperation {
        public ForgetHeuristic {
            Objects.requireNonNull(xid, "xid");
        }
    }
}
