package org.messagestore.client.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagestore.client.destination.Destinations;
import org.messagestore.model.BodyType;
import org.messagestore.model.MessageData;

/**
 * Reads a message of another provider through the public API only: a provider must accept messages
 * whose implementation is not its own (Jakarta Messaging 3.1, 3.12 "Provider implementations of
 * JMS message interfaces"). Bytes and
 * StreamMessage bodies are read from the start and left reset.
 */
final class ForeignMessageReader {

    private ForeignMessageReader() {
    }

    static MessageData read(Message message) throws JMSException {
        MessageConversion.requireDestination(message.getJMSDestination(), message);
        String correlationId = message.getJMSCorrelationID();
        byte[] correlationIdBytes = correlationId == null ? correlationIdBytes(message) : null;
        BodyType bodyType;
        byte[] body;
        if (message instanceof TextMessage text) {
            bodyType = BodyType.TEXT;
            String value = text.getText();
            body = value == null ? null : Cesu8.encode(value);
        } else if (message instanceof BytesMessage bytes) {
            bodyType = BodyType.BYTES;
            body = bytesBody(bytes);
        } else if (message instanceof MapMessage map) {
            bodyType = BodyType.MAP;
            body = TypedValues.encodeMap(mapBody(map));
        } else if (message instanceof StreamMessage stream) {
            bodyType = BodyType.STREAM;
            body = TypedValues.encodeList(streamBody(stream));
        } else if (message instanceof ObjectMessage object) {
            bodyType = BodyType.OBJECT;
            Serializable value = object.getObject();
            body = value == null ? null : ObjectSerialization.serialize(value);
        } else {
            bodyType = BodyType.MESSAGE;
            body = null;
        }
        return new MessageData(
                message.getJMSMessageID(),
                message.getJMSTimestamp(),
                correlationId,
                correlationIdBytes,
                Destinations.toName(message.getJMSDestination()),
                Destinations.toName(message.getJMSReplyTo()),
                message.getJMSType(),
                message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT,
                message.getJMSPriority(),
                message.getJMSExpiration(),
                message.getJMSDeliveryTime(),
                properties(message),
                bodyType,
                body);
    }

    /** Some providers do not support the bytes form (Message.getJMSCorrelationIDAsBytes javadoc). */
    private static byte[] correlationIdBytes(Message message) {
        try {
            byte[] bytes = message.getJMSCorrelationIDAsBytes();
            return bytes == null ? null : bytes.clone();
        } catch (JMSException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.equals(MessageProperties.DELIVERY_COUNT)) {
                continue;
            }
            Object value = message.getObjectProperty(name);
            if (!ValueConversion.isPropertyType(value)) {
                throw new MessageFormatException("property '" + name + "' of the message holds a "
                        + ValueConversion.typeName(value) + ", which is not a Jakarta Messaging property type");
            }
            properties.put(name, value);
        }
        return properties;
    }

    private static byte[] bytesBody(BytesMessage message) throws JMSException {
        message.reset();
        long length = message.getBodyLength();
        var body = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
        byte[] chunk = new byte[(int) Math.max(1, Math.min(length, 64 * 1024))];
        int n;
        while ((n = message.readBytes(chunk)) > 0) {
            body.write(chunk, 0, n);
        }
        message.reset();
        return body.toByteArray();
    }

    private static Map<String, Object> mapBody(MapMessage message) throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Enumeration<?> names = message.getMapNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            entries.put(name, checkBodyValue(message.getObject(name), "map entry '" + name + "'"));
        }
        return entries;
    }

    private static List<Object> streamBody(StreamMessage message) throws JMSException {
        message.reset();
        List<Object> fields = new ArrayList<>();
        try {
            while (true) {
                fields.add(checkBodyValue(message.readObject(), "stream field " + fields.size()));
            }
        } catch (MessageEOFException end) {
            // the normal end of the stream
        }
        message.reset();
        return fields;
    }

    private static Object checkBodyValue(Object value, String what) throws MessageFormatException {
        if (!ValueConversion.isBodyType(value)) {
            throw new MessageFormatException(what + " of the message holds a " + ValueConversion.typeName(value)
                    + ", which is not a Jakarta Messaging body value type");
        }
        return TypedValues.copyOf(value);
    }
}
