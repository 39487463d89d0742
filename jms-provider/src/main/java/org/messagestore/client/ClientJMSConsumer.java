package org.messagestore.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
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
 * <p>When {@code receiveBody} cannot return a message's body in an AUTO_ACKNOWLEDGE or
 * DUPS_OK_ACKNOWLEDGE context, the spec wants the message "delivered again before any subsequent
 * messages", without counting as a redelivery (JMSConsumer.receiveBody javadoc). The classic
 * consumer has already acknowledged it by then, so this consumer keeps the message and hands it
 * out on the next receive. The message is therefore lost if the consumer or its context closes
 * before it is received again.
 */
final class ClientJMSConsumer implements JMSConsumer {

    private final MessageConsumer consumer;
    private final ClientContext context;
    private final boolean keepUnreadableBodies;
    /** The message a failed receiveBody kept for the next receive; at most one. */
    private volatile Message keptBack;

    ClientJMSConsumer(MessageConsumer consumer, ClientContext context, int sessionMode) {
        this.consumer = consumer;
        this.context = context;
        this.keepUnreadableBodies = sessionMode == JMSContext.AUTO_ACKNOWLEDGE
                || sessionMode == JMSContext.DUPS_OK_ACKNOWLEDGE;
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
        return next(MessageConsumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return next(c -> c.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return next(MessageConsumer::receiveNoWait);
    }

    @Override
    public void close() {
        keptBack = null;
        call(c -> {
            c.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return bodyOf(receive(), c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return bodyOf(receive(timeout), c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return bodyOf(receiveNoWait(), c);
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
        if (keepUnreadableBodies) {
            keptBack = message;
        }
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

    /** The kept-back message if there is one, otherwise what the classic consumer returns. */
    private Message next(ClientContext.JmsFunction<MessageConsumer, Message> receive) {
        Message kept = keptBack;
        if (kept != null) {
            context.checkOpen();
            keptBack = null;
            return kept;
        }
        return call(receive);
    }

    private <R> R call(ClientContext.JmsFunction<MessageConsumer, R> action) {
        try {
            return action.apply(consumer);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }
}
