package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.messagestore.client.destination.ClientQueue;

/** Test helper: what a consumer would receive for a message, without a broker. */
final class Messages {

    private Messages() {
    }

    /** Sends the message through {@link MessageConversion} as the producer and the consumer would. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M received(M message) throws JMSException {
        return (M) received(message, 1);
    }

    static ClientMessage received(Message message, int deliveryCount) throws JMSException {
        if (message.getJMSDestination() == null) {
            message.setJMSDestination(new ClientQueue("test"));
        }
        return MessageConversion.fromData(MessageConversion.toData(message), deliveryCount);
    }

    /** The names of a (raw-typed) JMS enumeration, in order. */
    static List<String> names(Enumeration<?> names) {
        List<String> list = new ArrayList<>();
        while (names.hasMoreElements()) {
            list.add((String) names.nextElement());
        }
        return list;
    }
}
