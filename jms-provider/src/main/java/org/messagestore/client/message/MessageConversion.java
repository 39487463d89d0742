package org.messagestore.client.message;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.messagestore.model.MessageData;

/**
 * Converts between JMS messages and {@link MessageData}, the immutable form that crosses the
 * client/broker boundary and that the store keeps.
 *
 * <p>Body encoding in {@link MessageData#body()}, per {@link org.messagestore.model.BodyType}:
 * <ul>
 * <li>MESSAGE: no body (null).
 * <li>TEXT: the text in CESU-8 (UTF-8 for BMP text; every Java string round-trips, unpaired
 *     surrogates included, with no length limit); null text is a null body. See {@link Cesu8}.
 * <li>BYTES: the raw bytes.
 * <li>MAP and STREAM: an entry count, then typed entries, big-endian. See {@link TypedValues}.
 * <li>OBJECT: the Java serialization of the object; no object is a null body.
 * </ul>
 *
 * <p>Neither direction lets the application reach the other side's state: a message sent and then
 * changed changes nothing delivered, and a received message cannot change the MessageData it came
 * from. Arrays are copied unless they are never written to again by anyone (a received body kept
 * for resending, a serialized object), which is what makes forwarding a received message cheap.
 */
public final class MessageConversion {

    private MessageConversion() {
    }

    /**
     * The data of any message: this provider's (fast, no re-parsing) or another provider's, read
     * through the public API. The producer has already set the headers it is responsible for.
     *
     * @throws InvalidDestinationException when the message has no JMSDestination
     */
    public static MessageData toData(Message message) throws JMSException {
        if (message instanceof ClientMessage own) {
            return own.toData();
        }
        return ForeignMessageReader.read(message);
    }

    /**
     * A received message: properties and body read-only (Jakarta Messaging 3.1, 3.10), Bytes and
     * StreamMessage bodies reset for reading, JMSRedelivered and JMSXDeliveryCount (3.5.9 "JMS defined properties") set
     * from the delivery count.
     *
     * @param deliveryCount 1 for the first delivery
     */
    public static ClientMessage fromData(MessageData data, int deliveryCount) {
        return fromData(data, deliveryCount, DeserializationAllowList.defaults());
    }

    /**
     * As {@link #fromData(MessageData, int)}, with the receiving connection's allow list for ObjectMessage bodies.
     *
     * @param allowList what an ObjectMessage body may deserialize
     */
    public static ClientMessage fromData(MessageData data, int deliveryCount, DeserializationAllowList allowList) {
        ClientMessage message = switch (data.bodyType()) {
            case MESSAGE -> new ClientPlainMessage();
            case TEXT -> new ClientTextMessage();
            case BYTES -> new ClientBytesMessage();
            case MAP -> new ClientMapMessage();
            case STREAM -> new ClientStreamMessage();
            case OBJECT -> new ClientObjectMessage(allowList);
        };
        message.receive(data, deliveryCount);
        return message;
    }

    static void requireDestination(Destination destination, Message message) throws InvalidDestinationException {
        if (destination == null) {
            throw new InvalidDestinationException(
                    "message " + message + " has no JMSDestination; the producer sets it before sending");
        }
    }
}
