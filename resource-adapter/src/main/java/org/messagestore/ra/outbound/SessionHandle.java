package org.messagestore.ra.outbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
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
import jakarta.jms.TransactionInProgressException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.client.ClassicWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Session an application holds, on a pooled connection's physical session (which one, see
 * {@link MessageStoreManagedConnection}). What it opens (consumers, producers, browsers, temporary
 * destinations) is closed with it, so the pooled session goes back clean. Inside a transaction,
 * commit and rollback throw TransactionInProgressException and recover IllegalStateException: the
 * transaction manager ends the work (Jakarta Messaging 3.1, 12.3). Message listeners and
 * {@code run} are refused (12.2).
 *
 * <p>Threads: as a Session, one thread at a time.
 */
final class SessionHandle implements QueueSession, TopicSession, ClassicWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandle.class);

    private final MessageStoreManagedConnection connection;
    private final Session physical;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Destination> temporaries = new ArrayList<>();
    private volatile boolean closed;

    SessionHandle(MessageStoreManagedConnection connection, Session physical) {
        this.connection = connection;
        this.physical = physical;
    }

    @Override
    public Object wrapped() {
        return physical;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the container's transaction governs this session's work now. */
    private boolean inTransaction() {
        return connection.isLocalSession(physical) || (connection.isXaSession(physical) && connection.inTransaction());
    }

    // ---- transactions and acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return inTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        if (inTransaction()) {
            return SESSION_TRANSACTED;
        }
        return connection.isXaSession(physical) ? AUTO_ACKNOWLEDGE : physical.getAcknowledgeMode();
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (inTransaction()) {
            throw new TransactionInProgressException("commit() is not allowed here: the session takes part in the "
                    + "container's transaction, which commits (Jakarta Messaging 3.1, 12.3)");
        }
        throw new IllegalStateException("commit() is only allowed on a transacted session");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (inTransaction()) {
            throw new TransactionInProgressException("rollback() is not allowed here: the session takes part in the "
                    + "container's transaction; use setRollbackOnly (Jakarta Messaging 3.1, 12.3)");
        }
        throw new IllegalStateException("rollback() is only allowed on a transacted session");
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (inTransaction()) {
            throw new IllegalStateException("recover() is not allowed while the session takes part in a transaction");
        }
        physical.recover();
    }

    // ---- forbidden in the container (12.2)

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        throw ContainerRules.forbidden("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw ContainerRules.forbidden("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw new java.lang.IllegalStateException(ContainerRules.forbidden("Session.run").getMessage());
    }

    // ---- messages and destinations

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return physical.createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return physical.createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return physical.createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return physical.createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return physical.createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return physical.createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return physical.createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return physical.createTextMessage(text);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        return physical.createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        return physical.createTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        TemporaryQueue queue = physical.createTemporaryQueue();
        temporaries.add(queue);
        return queue;
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        TemporaryTopic topic = physical.createTemporaryTopic();
        temporaries.add(topic);
        return topic;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        physical.unsubscribe(name);
    }

    // ---- producers, consumers, browsers: tracked, closed with the session

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        return track(physical.createProducer(destination));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        checkOpen();
        return track(((QueueSession) physical).createSender(queue));
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        checkOpen();
        return track(((TopicSession) physical).createPublisher(topic));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        checkOpen();
        return consumer(physical.createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        checkOpen();
        return consumer(physical.createConsumer(destination, messageSelector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) throws JMSException {
        checkOpen();
        return consumer(physical.createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        checkOpen();
        return consumer(physical.createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        return consumer(physical.createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        checkOpen();
        return consumer(physical.createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return consumer(physical.createDurableSubscriber(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        checkOpen();
        return consumer(physical.createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return consumer(physical.createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        checkOpen();
        return consumer(physical.createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) throws JMSException {
        checkOpen();
        return consumer(physical.createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        checkOpen();
        return consumer(((QueueSession) physical).createReceiver(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        return consumer(((QueueSession) physical).createReceiver(queue, messageSelector));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        checkOpen();
        return consumer(((TopicSession) physical).createSubscriber(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        checkOpen();
        return consumer(((TopicSession) physical).createSubscriber(topic, messageSelector, noLocal));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        checkOpen();
        return track(physical.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        return track(physical.createBrowser(queue, messageSelector));
    }

    private ConsumerHandle consumer(MessageConsumer consumer) {
        return track(new ConsumerHandle(consumer));
    }

    private synchronized <T extends AutoCloseable> T track(T opened) {
        this.opened.add(opened);
        return opened;
    }

    // ---- closing

    /**
     * Closes what the application opened through this session and deletes its temporary
     * destinations. The physical session stays open for the pool; inside a transaction, what it
     * consumed and sent stays with the transaction.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        JMSException first = null;
        for (AutoCloseable item : drain()) {
            try {
                item.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            } catch (Exception e) {
                first = first == null ? new JMSException(e.getMessage()) : first;
            }
        }
        for (Destination temporary : temporaries) {
            try {
                if (temporary instanceof TemporaryQueue queue) {
                    queue.delete();
                } else if (temporary instanceof TemporaryTopic topic) {
                    topic.delete();
                }
            } catch (JMSException e) {
                LOG.debug("temporary destination {} not deleted: {}", temporary, e.getMessage());
            }
        }
        temporaries.clear();
        if (first != null) {
            throw first;
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (JMSException e) {
            LOG.debug("closing a session handle failed", e);
        }
    }

    private synchronized List<AutoCloseable> drain() {
        List<AutoCloseable> all = new ArrayList<>(opened);
        opened.clear();
        return all;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("this session is closed");
        }
    }

    @Override
    public String toString() {
        return "SessionHandle[" + physical + (closed ? ", closed" : "") + "]";
    }
}
