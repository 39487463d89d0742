package org.messagestore.client;

import jakarta.jms.BytesMessage;
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
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.messagestore.client.message.ClientBytesMessage;
import org.messagestore.client.message.ClientMapMessage;
import org.messagestore.client.message.ClientObjectMessage;
import org.messagestore.client.message.ClientPlainMessage;
import org.messagestore.client.message.ClientStreamMessage;
import org.messagestore.client.message.ClientTextMessage;
import org.messagestore.model.DestinationName;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.client.destination.Destinations;
import org.messagestore.client.destination.ClientTopic;
import org.messagestore.client.destination.ClientQueue;

/**
 * A JMS session: a single-threaded context for producing and consuming (Jakarta Messaging 3.1, 6.2).
 *
 * <p>Threads and state: {@link #lock} guards the prefetch buffers of all consumers of this session
 * and the listener state; broker threads take it to add deliveries, application threads and the
 * session's {@link ListenerDispatcher} to take them. Nobody calls the broker or application code
 * while holding it (the broker takes its queue locks before this one). Message listeners run on
 * the dispatcher's thread, completion listeners on the {@link CompletionDispatcher}'s.
 */
public class ClientSession implements QueueSession, TopicSession {

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();

    private final ClientConnection connection;
    private final long id;
    private final int mode;
    private final SessionDomain domain;
    private final List<ClientMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<ClientMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<ClientQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    private final ListenerDispatcher listeners;
    private final CompletionDispatcher completions;
    private volatile boolean closed;

    ClientSession(ClientConnection connection, long id, int mode, SessionDomain domain) {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.domain = domain;
        String threadSuffix = connection.link().connectionId() + "-" + id;
        this.listeners = new ListenerDispatcher(this, "messagestore-session-" + threadSuffix);
        this.completions = new CompletionDispatcher("messagestore-completion-" + threadSuffix);
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

    List<ClientMessageConsumer> consumers() {
        return consumers;
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

    /** Acknowledges after a message was handed to the application, in the modes that do it implicitly. */
    void afterDelivery() throws JMSException {
        if (acknowledgesImplicitly()) {
            link().acknowledge(id);
        }
    }

    /**
     * Whether each message is acknowledged once the application has it (AUTO_ACKNOWLEDGE, DUPS_OK);
     * never inside an XA transaction, where the transaction settles what the session consumed.
     */
    boolean acknowledgesImplicitly() {
        return (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) && !inGlobalTransaction();
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
        return new ClientObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return new ClientObjectMessage(object);
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
        consumers.forEach(ClientMessageConsumer::markClosed);
        consumers.clear();
        producers.forEach(ClientMessageProducer::markClosed);
        producers.clear();
        browsers.forEach(ClientQueueBrowser::markClosed);
        browsers.clear();
        connection.sessionClosed(this);
        link().closeSession(id);
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return newProducer(destination);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return newProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return newProducer(topic);
    }

    private ClientMessageProducer newProducer(Destination destination) throws JMSException {
        checkOpen();
        DestinationName name = Destinations.toName(destination);
        ClientMessageProducer producer = new ClientMessageProducer(this, destination, name);
        producers.add(producer);
        return producer;
    }

    void producerClosed(ClientMessageProducer producer) {
        producers.remove(producer);
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return newConsumer(destination, null, false, null, false, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return newConsumer(destination, messageSelector, false, null, false, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return newConsumer(destination, messageSelector, noLocal, null, false, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return newConsumer(queue, null, false, null, false, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return newConsumer(queue, messageSelector, false, null, false, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return newConsumer(topic, null, false, null, false, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return newConsumer(topic, messageSelector, noLocal, null, false, false);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkTopicDomain("createSharedConsumer");
        return newConsumer(topic, messageSelector, false, requireSubscriptionName(sharedSubscriptionName), false, true);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkTopicDomain("createDurableSubscriber");
        return newDurable(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkTopicDomain("createDurableConsumer");
        return newDurable(topic, name, messageSelector, noLocal);
    }

    /** An unshared durable subscription is identified by client id and name, so it needs a client id (6.11.1). */
    private ClientMessageConsumer newDurable(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        checkOpen();
        if (topic == null) {
            // An invalid topic is reported as such before the missing client id.
            throw new InvalidDestinationException("topic must not be null");
        }
        String subscription = requireSubscriptionName(name);
        if (connection.getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription ('" + subscription
                    + "') needs a client id: call Connection.setClientID first or use a shared durable subscription");
        }
        return newConsumer(topic, selector, noLocal, subscription, true, false);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkTopicDomain("createSharedDurableConsumer");
        return newConsumer(topic, messageSelector, false, requireSubscriptionName(name), true, true);
    }

    private String requireSubscriptionName(String name) throws JMSException {
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new JMSException("subscription name must not be null or empty");
        }
        return name;
    }

    private ClientMessageConsumer newConsumer(Destination destination, String selector, boolean noLocal,
            String subscriptionName, boolean durable, boolean shared) throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        DestinationName name = Destinations.toName(destination);
        if (subscriptionName != null && !name.isTopic()) {
            throw new InvalidDestinationException("subscriptions need a topic, not " + name);
        }
        String normalisedSelector = selector == null || selector.isBlank() ? null : selector;
        ConsumerSpec spec = new ConsumerSpec(connection.newConsumerId(), id, name, normalisedSelector,
                noLocal && name.isTopic(), subscriptionName, durable, shared, connection.prefetch());
        ClientMessageConsumer consumer = new ClientMessageConsumer(this, spec, destination, noLocal);
        consumers.add(consumer);
        try {
            link().createConsumer(spec, consumer);
        } catch (JMSException | RuntimeException e) {
            consumers.remove(consumer);
            throw e;
        }
        return consumer;
    }

    void browserClosed(ClientQueueBrowser browser) {
        browsers.remove(browser);
    }

    void consumerClosed(ClientMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkTopicDomain("unsubscribe");
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("subscription name must not be null or empty");
        }
        link().unsubscribe(name);
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkQueueDomain("createQueue");
        if (queueName == null || queueName.isEmpty()) {
            throw new InvalidDestinationException("queue name must not be null or empty");
        }
        return new ClientQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkTopicDomain("createTopic");
        if (topicName == null || topicName.isEmpty()) {
            throw new InvalidDestinationException("topic name must not be null or empty");
        }
        return new ClientTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkQueueDomain("createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkTopicDomain("createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkQueueDomain("createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("queue must not be null");
        }
        String normalisedSelector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        ClientQueueBrowser browser = new ClientQueueBrowser(this, queue, Destinations.toName(queue), normalisedSelector);
        browsers.add(browser);
        return browser;
    }

    private void checkQueueDomain(String method) throws IllegalStateException {
        if (domain == SessionDomain.TOPIC) {
            throw new IllegalStateException(method + "() is not allowed on a TopicSession");
        }
    }

    private void checkTopicDomain(String method) throws IllegalStateException {
        if (domain == SessionDomain.QUEUE) {
            throw new IllegalStateException(method + "() is not allowed on a QueueSession");
        }
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
