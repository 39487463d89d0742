package org.messagestore.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.messagestore.client.message.MessageConversion;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;

/**
 * A queue browser (Jakarta Messaging 3.1, 4.7): each {@link #getEnumeration()} opens a browser at
 * the broker and pages through the queue in batches, consuming nothing. The first broker browser is
 * opened at creation so that a bad selector or queue fails there, as the spec requires.
 */
final class ClientQueueBrowser implements QueueBrowser {

    private static final int BATCH = 100;

    private final ClientSession session;
    private final Queue queue;
    private final DestinationName queueName;
    private final String selector;
    private final Set<Long> openBrowsers = ConcurrentHashMap.newKeySet();
    private volatile long unusedBrowser;
    private volatile boolean closed;

    ClientQueueBrowser(ClientSession session, Queue queue, DestinationName queueName, String selector)
            throws JMSException {
        this.session = session;
        this.queue = queue;
        this.queueName = queueName;
        this.selector = selector;
        this.unusedBrowser = openBrokerBrowser();
    }

    private long openBrokerBrowser() throws JMSException {
        long id = session.connection().newConsumerId();
        session.link().createBrowser(id, session.id(), queueName, selector);
        openBrowsers.add(id);
        return id;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        long id = unusedBrowser;
        unusedBrowser = 0;
        return new Pages(id != 0 ? id : openBrokerBrowser());
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        openBrowsers.forEach(id -> session.link().closeBrowser(id));
        openBrowsers.clear();
        session.consumers().browserClosed(this);
    }

    void markClosed() {
        closed = true;
        openBrowsers.clear();
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("queue browser is closed");
        }
    }

    /** One pass over the queue, fetched a batch at a time. */
    private final class Pages implements Enumeration<Message> {
        private final long browserId;
        private final ArrayDeque<MessageData> page = new ArrayDeque<>();
        private boolean exhausted;

        Pages(long browserId) {
            this.browserId = browserId;
        }

        @Override
        public boolean hasMoreElements() {
            if (page.isEmpty() && !exhausted) {
                fetch();
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("no more messages in " + queueName);
            }
            return MessageConversion.fromData(page.pollFirst(), 1, session.connection().deserializationAllowList());
        }

        private void fetch() {
            if (closed || session.isClosed()) {
                exhausted = true;
                return;
            }
            try {
                List<MessageData> next = session.link().browseNext(browserId, BATCH);
                if (next.isEmpty()) {
                    exhausted = true;
                    openBrowsers.remove(browserId);
                    session.link().closeBrowser(browserId);
                } else {
                    page.addAll(next);
                }
            } catch (JMSException e) {
                throw JmsExceptions.toRuntime(e);
            }
        }
    }

    @Override
    public String toString() {
        return "ClientQueueBrowser[" + queueName + (selector == null ? "" : ", selector=" + selector) + "]";
    }
}
