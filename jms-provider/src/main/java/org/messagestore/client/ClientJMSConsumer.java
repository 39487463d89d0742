package org.messagestore.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

/**
 * The simplified API's {@link JMSConsumer}: a classic {@link MessageConsumer} whose checked
 * exceptions become their runtime twins, plus {@code receiveBody}.
 *
 * <p>{@code receiveBody} goes through {@link ClientMessageConsumer#receiveBody}, which leaves a
 * message whose body cannot be read in place when the session mode asks for that.
 */
final class ClientJMSConsumer implements JMSConsumer {

    private final MessageConsumer consumer;

    /** @param consumer a MessageStore consumer, or a {@link ClassicWrapper} of one */
    ClientJMSConsumer(MessageConsumer consumer) {
        if (!(ClassicWrapper.unwrap(consumer) instanceof ClientMessageConsumer)) {
            throw new JMSRuntimeException("a JMSContext needs MessageStore consumers, not " + consumer.getClass().getName());
        }
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return call(MessageConsumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return call(MessageConsumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        call(c -> {
            c.setMessageListener(listener);
            return null;
        });
    }

    @Override
    public Message receive() {
        return call(MessageConsumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return call(c -> c.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return call(MessageConsumer::receiveNoWait);
    }

    @Override
    public void close() {
        call(c -> {
            c.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(0, false, c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBody(timeout, false, c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBody(0, true, c);
    }

    /** Through the consumer's own receiveBody, which knows when an unreadable message stays in place. */
    private <T> T receiveBody(long timeout, boolean noWait, Class<T> c) {
        ClientMessageConsumer bodies = (ClientMessageConsumer) ClassicWrapper.unwrap(consumer);
        return call(ignored -> bodies.receiveBody(timeout, noWait, m -> bodyOf(m, c)));
    }

    /**
     * The body of {@code message} as {@code type}. Only Text, Object, Map and Bytes messages that
     * have a body qualify; anything else is a MessageFormatRuntimeException (JMSConsumer.receiveBody
     * javadoc).
     */
    private <T> T bodyOf(Message message, Class<T> type) {
        if (message == null) {
            return null;
        }
        if (!(message instanceof TextMessage || message instanceof ObjectMessage
                || message instanceof MapMessage || message instanceof BytesMessage)) {
            throw unreadable(message, "receiveBody accepts only Text, Object, Map and Bytes messages, not "
                    + kind(message));
        }
        try {
            if (!message.isBodyAssignableTo(type)) {
                throw unreadable(message, "the body of a " + kind(message) + " cannot be assigned to " + type.getName());
            }
            T body = message.getBody(type);
            if (body == null) {
                throw unreadable(message, "the " + kind(message) + " has no body");
            }
            return body;
        } catch (MessageFormatException e) {
            throw unreadable(message, e.getMessage(), e);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    private MessageFormatRuntimeException unreadable(Message message, String why) {
        return unreadable(message, why, null);
    }

    private MessageFormatRuntimeException unreadable(Message message, String why, MessageFormatException cause) {
        return new MessageFormatRuntimeException(why, cause == null ? null : cause.getErrorCode(), cause);
    }

    private static String kind(Message message) {
        if (message instanceof TextMessage) {
            return "TextMessage";
        } else if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        } else if (message instanceof MapMessage) {
            return "MapMessage";
        } else if (message instanceof BytesMessage) {
            return "BytesMessage";
        } else if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message";
    }

    private <R> R call(ClientContext.JmsFunction<MessageConsumer, R> action) {
        try {
            return action.apply(consumer);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }
}
