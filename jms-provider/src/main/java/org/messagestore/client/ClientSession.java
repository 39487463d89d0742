package org.messagestore.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.messagestore.client.destination.ClientQueue;
import org.messagestore.client.destination.ClientTopic;
import org.messagestore.client.message.ClientBytesMessage;
import org.messagestore.client.message.ClientMapMessage;
import org.messagestore.client.message.ClientObjectMessage;
import org.messagestore.client.message.ClientPlainMessage;
import org.messagestore.client.message.ClientStreamMessage;
import org.messagestore.client.message.ClientTextMessage;
import org.messagestore.model.BrokerAnswers;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.MessageData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS session: a single-threaded context for producing and consuming (Jakarta Messaging 3.1, 6.2).
 *
 * <p>Threads and state: {@link #lock} guards the prefetch buffers of all consumers of this session
 * and the listener state; broker threads take it to add deliveries, application threads and the
 * session's {@link ListenerDispatcher} to take them. Nobody calls the broker or application code
 * while holding it (the broker takes its queue locks before this one). Message listeners run on
 * the dispatcher's thread, completion listeners on the {@link CompletionDispatcher}'s.
 *
 * <p>Its consumers and queue browsers are made and kept by {@link SessionConsumers}, its producers
 * by {@link SessionProducers}; the factory methods the JMS interfaces require only hand over to them.
 */
public class ClientSession implements QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final CompletableFuture<Void> ACKNOWLEDGED = CompletableFuture.completedFuture(null);

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();

    private final ClientConnection connection;
    private final long id;
    private final int mode;
    private final SessionDomain domain;
    private final SessionConsumers consumers;
    private final SessionProducers producers;
    private final ListenerDispatcher listeners;
    private final CompletionDispatcher completions;
    private final LazyAcknowledgements lazyAcknowledgements;
    /**
     * The AUTO_ACKNOWLEDGE acknowledgement of the message last handed out, while it is on its way to the
     * disk ({@link #afterDelivery}); {@link #ACKNOWLEDGED} when none is.
     */
    private volatile CompletableFuture<Void> acknowledging = ACKNOWLEDGED;
    private volatile boolean closed;

    ClientSession(ClientConnection connection, long id, int mode, SessionDomain domain) {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.domain = domain;
        this.consumers = new SessionConsumers(this, domain);
        this.producers = new SessionProducers(this);
        String threadSuffix = connection.link().connectionId() + "-" + id;
        this.listeners = new ListenerDispatcher(this, "messagestore-session-" + threadSuffix);
        this.completions = new CompletionDispatcher("messagestore-completion-" + threadSuffix);
        this.lazyAcknowledgements = new LazyAcknowledgements(this, connection.prefetch());
    }

    // ---- state used by producers and consumers

    ClientConnection connection() {
        return connection;
    }

    BrokerConnection link() {
        return connection.link();
    }

    long id() {
        return id;
    }

    int mode() {
        return mode;
    }

    boolean isClosed() {
        return closed;
    }

    SessionConsumers consumers() {
        return consumers;
    }

    SessionProducers producers() {
        return producers;
    }

    ListenerDispatcher listeners() {
        return listeners;
    }

    CompletionDispatcher completions() {
        return completions;
    }

    boolean isListenerThread() {
        return listeners.isCurrentThread();
    }

    boolean isCompletionThread() {
        return completions.isCurrentThread();
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }

    /** Signals every waiter (receivers, the listener thread) that something changed. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void awaitListenerIdle() {
        listeners.awaitIdle();
    }

    /** {@link #afterDelivery} for a message a receive returned: its acknowledgement may wait for the application's next request. */
    void afterReceive() throws JMSException {
        afterDelivery(true);
    }

    /** {@link #afterDelivery} for a message a listener took: its acknowledgement leaves at once. */
    void afterListener() throws JMSException {
        afterDelivery(false);
    }

    /**
     * Acknowledges after a message was handed to the application, in the modes that do it implicitly:
     * durably before the next message (AUTO_ACKNOWLEDGE), or lazily ({@link LazyAcknowledgements}).
     *
     * <p>AUTO_ACKNOWLEDGE over a link that {@linkplain BrokerConnection#overlapsAcknowledgements overlaps
     * acknowledgements} does not wait here: the session waits for the acknowledgement in
     * {@link #awaitAcknowledged} before it hands out its next message, recovers or closes. Until then
     * only this message may come again after a crash, which is the ambiguity Jakarta Messaging 3.1
     * leaves to AUTO_ACKNOWLEDGE ("Duplicate delivery of messages": only a session's last consumed
     * message is subject to it). After a receive, the acknowledgement leaves with the connection's next
     * request ({@code withNextRequest}): when that is a reply the application sends, the broker syncs
     * both side by side instead of one after the other. A listener's leaves at once: its replies go
     * before it.
     */
    private void afterDelivery(boolean withNextRequest) throws JMSException {
        if (!acknowledgesImplicitly()) {
            return;
        }
        if (acknowledgesLazily()) {
            lazyAcknowledgements.consumed();
        } else if (link().overlapsAcknowledgements()) {
            awaitAcknowledged();
            acknowledging = withNextRequest ? link().acknowledgeWithNextRequest(id) : link().acknowledgeAsync(id);
        } else {
            link().acknowledge(id);
        }
    }

    /**
     * Waits until the acknowledgement {@link #afterDelivery} sent last is durable. If it failed, this
     * throws its failure, once: that message stays unacknowledged at the broker and may come again, and
     * the session's next acknowledgement covers it.
     */
    void awaitAcknowledged() throws JMSException {
        CompletableFuture<Void> pending = acknowledging;
        if (pending == ACKNOWLEDGED) {
            return;
        }
        if (!pending.isDone()) {
            link().sendHeldRequests(); // unless a request of the connection has taken it along already
        }
        try {
            BrokerAnswers.await(pending, "acknowledging the previous message");
        } finally {
            acknowledging = ACKNOWLEDGED;
        }
    }

    /**
     * {@link #awaitAcknowledged} before the session or one of its consumers closes or recovers, whose
     * request would otherwise find that message still unacknowledged at the broker and give it back to
     * its queue. After a failure the message simply comes again, as the request gives it back.
     */
    void awaitAcknowledgedBeforeRelease() {
        try {
            awaitAcknowledged();
        } catch (JMSException e) {
            LOG.debug("session {}: the last acknowledgement failed; its message is given back", id, e);
        }
    }

    /**
     * {@link #awaitAcknowledged} before a message listener gets the next message: a failure goes to the
     * log, not to the listener, whose message it does not concern; the session's next acknowledgement
     * covers the message it left unacknowledged.
     */
    void awaitAcknowledgedBeforeDelivery() {
        try {
            awaitAcknowledged();
        } catch (JMSException e) {
            LOG.warn("session {}: acknowledging the previous message failed; the next acknowledgement covers it: {}", id, e.toString());
        }
    }

    private boolean acknowledgesLazily() {
        return mode == DUPS_OK_ACKNOWLEDGE || (mode == AUTO_ACKNOWLEDGE && connection.lazyAutoAcknowledge());
    }

    /** Whether any consumer of the session has a message waiting in its buffer. */
    boolean anyBuffered() {
        lock.lock();
        try {
            return consumers.open().stream().anyMatch(ClientMessageConsumer::hasBufferedLocked);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether each message is acknowledged once the application has it (AUTO_ACKNOWLEDGE, DUPS_OK);
     * never inside an XA transaction, where the transaction settles what the session consumed.
     */
    boolean acknowledgesImplicitly() {
        return (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) && !inGlobalTransaction();
    }

    /**
     * Whether a send of {@code deliveryMode} goes without waiting for the broker's answer: over a
     * transport where that saves a round trip, inside a transaction or XA branch (whose end reports a
     * failure) and for non-persistent messages (the ExceptionListener reports a failure). A persistent
     * send outside a transaction waits for its durability, as the spec demands.
     */
    boolean pipelinesSend(int deliveryMode) {
        return link().pipelinesSends()
                && (inTransaction() || deliveryMode == DeliveryMode.NON_PERSISTENT);
    }

    /** Sends without waiting (see {@link #pipelinesSend}); a transaction's sends may wait in the transport for its end. */
    CompletableFuture<Void> sendPipelined(MessageData data) throws JMSException {
        return inTransaction() ? link().sendInTransaction(id, data) : link().sendPipelined(id, data);
    }

    /** In a local transaction or an XA branch: its end reports what went wrong with its sends. */
    private boolean inTransaction() {
        return mode == SESSION_TRANSACTED || inGlobalTransaction();
    }

    /**
     * Watches a pipelined send. In a transaction or branch the broker dooms it when the send fails;
     * outside one, the failure has nobody waiting, so it goes to the ExceptionListener.
     */
    void pipelined(CompletableFuture<Void> send) {
        if (inTransaction()) {
            return;
        }
        send.whenComplete((done, failure) -> {
            if (failure != null) {
                connection.onSendFailure(BrokerAnswers.asJmsException(failure, "send"));
            }
        });
    }

    /** Whether the session is associated with an XA transaction branch; only an {@link ClientXASession} can be. */
    boolean inGlobalTransaction() {
        return false;
    }

    /**
     * CLIENT_ACKNOWLEDGE: acknowledges every message consumed by this session so far (Jakarta
     * Messaging 3.1, 6.2.10); the other modes acknowledge on their own, so it does nothing there.
     */
    public void acknowledgeAll() throws JMSException {
        if (closed) {
            throw new IllegalStateException("cannot acknowledge: the session is closed");
        }
        if (mode == CLIENT_ACKNOWLEDGE) {
            link().acknowledge(id);
        }
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new ClientBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new ClientMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new ClientPlainMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new ClientObjectMessage(connection.deserializationAllowList());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return new ClientObjectMessage(object, connection.deserializationAllowList());
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new ClientStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new ClientTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new ClientTextMessage(text);
    }

    // ---- transactions and acknowledgement (6.2.8-6.2.10)

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit() is only allowed on a transacted session");
        }
        checkNotCompletionThread("commit()");
        completions.awaitPending();
        link().commit(id);
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback() is only allowed on a transacted session");
        }
        checkNotCompletionThread("rollback()");
        completions.awaitPending();
        link().rollback(id);
    }

    /** Redelivers every unacknowledged message, oldest first, with JMSRedelivered set (6.2.11). */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover() is not allowed on a transacted session; use rollback()");
        }
        awaitAcknowledgedBeforeRelease();
        link().rollback(id);
    }

    private void checkNotCompletionThread(String operation) throws IllegalStateException {
        if (completions.isCurrentThread()) {
            throw new IllegalStateException(operation
                    + " must not be called from a CompletionListener of its own session (Jakarta Messaging 3.1, 7.3.8)");
        }
    }

    /**
     * Closes the session: blocked receives return null, a running listener finishes first, pending
     * asynchronous sends complete, and unacknowledged or uncommitted work is rolled back (6.2.7).
     * Illegal from this session's own message or completion listener.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (listeners.isCurrentThread()) {
            throw new IllegalStateException("close() must not be called from a message listener of its own session");
        }
        checkNotCompletionThread("close()");
        // A running listener keeps full use of its session until it returns (6.2.7), and pending
        // asynchronous sends complete: stop both before the session counts as closed.
        listeners.close();
        completions.close();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        consumers.markAllClosed();
        producers.markAllClosed();
        connection.sessionClosed(this);
        lazyAcknowledgements.flush(); // before the close returns the unacknowledged ones
        awaitAcknowledgedBeforeRelease();
        link().closeSession(id);
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return producers.create(destination);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return producers.create(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return producers.create(topic);
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumers.create(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return consumers.create(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumers.create(destination, messageSelector, noLocal);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return consumers.create(queue, null, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return consumers.create(queue, messageSelector, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return consumers.create(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return consumers.create(topic, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return consumers.createShared(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return consumers.createShared(topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return consumers.createDurable("createDurableSubscriber", topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumers.createDurable("createDurableSubscriber", topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return consumers.createDurable("createDurableConsumer", topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumers.createDurable("createDurableConsumer", topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return consumers.createSharedDurable(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return consumers.createSharedDurable(topic, name, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return consumers.createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        return consumers.createBrowser(queue, messageSelector);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        consumers.unsubscribe(name);
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        domain.checkQueueMethod("createQueue");
        if (queueName == null || queueName.isEmpty()) {
            throw new InvalidDestinationException("queue name must not be null or empty");
        }
        return new ClientQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        domain.checkTopicMethod("createTopic");
        if (topicName == null || topicName.isEmpty()) {
            throw new InvalidDestinationException("topic name must not be null or empty");
        }
        return new ClientTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        domain.checkQueueMethod("createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        domain.checkTopicMethod("createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    // ---- the optional application server facility (Jakarta Messaging 3.1, 10.2): not provided

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("session message listeners (the optional application server facility) are not "
                + "provided; set a listener on a MessageConsumer instead");
    }

    @Override
    public void run() {
        // Only used with the application server facility, which this provider does not offer.
    }

    @Override
    public String toString() {
        return "ClientSession[" + id + ", mode=" + mode + "]";
    }
}
