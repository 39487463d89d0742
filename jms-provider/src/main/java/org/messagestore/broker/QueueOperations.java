package org.messagestore.broker;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator actions on the messages waiting in a queue destination or a topic subscription: purge, move
 * to another queue, send dead letters back to their queues, remove one message. As Artemis users
 * expect of its queue controls:
 * <ul>
 *   <li>"Waiting" means not delivered to a consumer. Messages delivered and not yet acknowledged stay
 *       with their consumers, untouched; so do the messages a prepared XA branch holds locked. Delayed
 *       messages (JMSDeliveryTime in the future, or held for a redelivery delay) are waiting and are
 *       included.</li>
 *   <li>Messages that arrive while an operation runs may or may not be included.</li>
 *   <li>Each batch of at most a thousand messages is one atomic store batch, durable before the next is
 *       taken: a moved message leaves its queue and joins the target together, so a crash or a store
 *       failure leaves it in exactly one of them. When a batch fails the operation stops with a
 *       JMSException; the batches before it are done. Memory stays bounded whatever the backlog: an
 *       operation holds one batch at a time, and a paging queue's backlog is read page by page.</li>
 *   <li>Counters ({@link QueueStatistics}): a purged, removed or moved-away message leaves the depth of
 *       its queue; a moved message counts as added to its target.</li>
 *   <li>A moved message keeps its JMSMessageID, body, headers and properties; its JMSDestination becomes
 *       the target, and its delivery count starts again at 0.</li>
 * </ul>
 *
 * <p>{@code queue} with {@code topic} null names a queue destination; with a topic it names one of that
 * topic's subscriptions as {@link QueueStatistics#name()} shows it ({@code clientId:name}, or {@code name}).
 * A selector (Jakarta Messaging 3.1, 3.8 "Message selection") chooses the messages; null or blank
 * chooses all.
 *
 * <p>Threads: each call runs on the caller's thread and returns when it is done; the pages of a paging
 * queue's backlog are read and changed on the broker's pager thread while the caller waits (see
 * {@link OperatorSweep}). Calls for different queues may run at once.
 */
public final class QueueOperations {

    private static final Logger LOG = LoggerFactory.getLogger(QueueOperations.class);

    private final BrokerServices services;

    QueueOperations(BrokerServices services) {
        this.services = services;
    }

    /**
     * Removes the waiting messages that match {@code selector} (null or blank: all); returns how many.
     * {@code progress} gets the running count after each batch (may be null).
     */
    public long purge(String queue, String topic, String selector, LongConsumer progress) throws JMSException {
        MessageQueue from = find(queue, topic);
        MessageFilter filter = MessageFilter.parse(selector);
        return sweep(from, reference -> filter.matches(reference.message()), Long.MAX_VALUE,
                (batch, fromMemory) -> services.undeliverable().transfer(from, batch, null, null, fromMemory),
                progress, "purge " + from).run();
    }

    /**
     * Moves the matching waiting messages to the queue destination {@code targetQueue}, each in one
     * atomic store batch with its removal; returns how many.
     */
    public long move(String queue, String topic, String selector, String targetQueue, LongConsumer progress)
            throws JMSException {
        MessageQueue from = find(queue, topic);
        MessageFilter filter = MessageFilter.parse(selector);
        MessageQueue to = find(targetQueue, null);
        if (to == from) {
            throw new IllegalStateException("cannot move the messages of " + from + " to itself; name another target queue");
        }
        return sweep(from, reference -> filter.matches(reference.message()), Long.MAX_VALUE,
                (batch, fromMemory) -> services.undeliverable().transfer(from, batch, to, DivertedCopy::moved, fromMemory),
                progress, "move the messages of " + from + " to " + to).run();
    }

    /**
     * Sends the dead letters of {@code deadLetterQueue} that match {@code selector} back where they came
     * from: a message carrying {@value DivertedCopy#ORIGINAL_DESTINATION} = {@code queue://X} to queue X, one
     * carrying {@code topic://T} and {@value DivertedCopy#ORIGINAL_SUBSCRIPTION} = S to the durable
     * subscription S of T (not to the topic, which would copy it to every subscriber); returns how many.
     * The copy has the properties the dead-letter move added removed, keeps its JMSMessageID, body and
     * headers, and starts again at delivery count 0. Dead letters of a temporary queue or a non-durable
     * subscription, and those whose queue or subscription no longer exists, stay where they are; how many
     * is logged.
     */
    public long retryDeadLetters(String deadLetterQueue, String selector, LongConsumer progress) throws JMSException {
        MessageQueue from = find(deadLetterQueue, null);
        MessageFilter filter = MessageFilter.parse(selector);
        DeadLetterRetry retry = new DeadLetterRetry(from, services.destinations(), services.undeliverable());
        Predicate<MessageReference> stays = reference -> filter.matches(reference.message()) && retry.targetOf(reference) == null;
        AtomicLong staysInStore = new AtomicLong();
        long retried = sweep(from, reference -> filter.matches(reference.message()) && retry.targetOf(reference) != null,
                Long.MAX_VALUE, retry::take, progress, "send the dead letters of " + from + " back")
                .onPassedOverInStore(reference -> {
                    if (stays.test(reference)) {
                        staysInStore.incrementAndGet();
                    }
                })
                .run();
        // Counted in the store pass and in memory at the end: one paged in meanwhile may count twice.
        long stayed = staysInStore.get() + from.countWaiting(stays);
        if (stayed > 0) {
            LOG.info("{} dead letter(s) of {} stay there: their original destination is not a queue, or that queue no longer exists",
                    stayed, from);
        }
        return retried;
    }

    /** Removes the one waiting message whose JMSMessageID is {@code messageId}; false when none waits. */
    public boolean remove(String queue, String topic, String messageId) throws JMSException {
        MessageQueue from = find(queue, topic);
        if (messageId == null) {
            return false; // a message sent without an id cannot be named
        }
        return sweep(from, reference -> messageId.equals(reference.message().data().messageId()), 1,
                (batch, fromMemory) -> services.undeliverable().transfer(from, batch, null, null, fromMemory),
                null, "remove message " + messageId + " from " + from).run() == 1;
    }

    private OperatorSweep sweep(MessageQueue from, Predicate<MessageReference> selects, long limit,
                                OperatorSweep.Action action, LongConsumer progress, String what) {
        return new OperatorSweep(services.store(), from, selects, action, limit, services.router().lastAcceptedId(),
                progress, what);
    }

    private MessageQueue find(String queue, String topic) throws InvalidDestinationException {
        MessageQueue found = queue == null ? null : services.destinations().findQueue(queue, topic);
        if (found == null) {
            throw new InvalidDestinationException(topic == null
                    ? "queue '" + queue + "' does not exist"
                    : "topic '" + topic + "' has no subscription '" + queue + "'");
        }
        return found;
    }
}
