package org.messagestore.ra.outbound;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.messagestore.client.ClassicWrapper;

/**
 * A consumer made through a {@link SessionHandle}: it receives as the client's consumer does, but
 * refuses message listeners, which Jakarta Messaging 3.1 (12.2) forbids in the container.
 */
final class ConsumerHandle implements QueueReceiver, TopicSubscriber, ClassicWrapper {

    private final MessageConsumer physical;

    ConsumerHandle(MessageConsumer physical) {
        this.physical = physical;
    }

    @Override
    public Object wrapped() {
        return physical;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return physical.getMessageSelector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw ContainerRules.forbidden("MessageConsumer.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw ContainerRules.forbidden("MessageConsumer.setMessageListener");
    }

    @Override
    public Message receive() throws JMSException {
        return physical.receive();
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return physical.receive(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return physical.receiveNoWait();
    }

    @Override
    public void close() throws JMSException {
        physical.close();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return ((QueueReceiver) physical).getQueue();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return ((TopicSubscriber) physical).getTopic();
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return ((TopicSubscriber) physical).getNoLocal();
    }

    @Override
    public String toString() {
        return "ConsumerHandle[" + physical + "]";
    }
}
