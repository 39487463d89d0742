package org.messagestore.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's {@link JMSProducer}: a lightweight bundle of send options, headers and
 * properties. It owns no classic producer; every send goes through its context's one
 * unidentified {@link MessageProducer}, which takes the options of whichever JMSProducer is sending.
 * That is safe because a context, like a session, is used by one thread at a time.
 */
final class ClientJMSProducer implements JMSProducer {

    private final ClientContext context;
    private final ContextProperties properties = new ContextProperties();

    private int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableMessageTimestamp;
    private CompletionListener completionListener;

    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    ClientJMSProducer(ClientContext context) {
        this.context = context;
    }

    // ---- sending ----

    @Override
    public JMSProducer send(Destination destination, Message message) {
        return send(destination, session -> {
            if (message == null) {
                throw new MessageFormatRuntimeException("the message to send is null");
            }
            return message;
        });
    }

    /** Sends a TextMessage; a null body sends a TextMessage without text. */
    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, session -> session.createTextMessage(body));
    }

    /** Sends a MapMessage; a null body sends one with no entries. */
    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        return send(destination, session -> {
            MapMessage message = session.createMapMessage();
            if (body != null) {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            }
            return message;
        });
    }

    /** Sends a BytesMessage; a null body sends one with no bytes. */
    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        return send(destination, session -> {
            BytesMessage message = session.createBytesMessage();
            if (body != null) {
                message.writeBytes(body);
            }
            return message;
        });
    }

    /** Sends an ObjectMessage; a null body sends one without an object. */
    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, session -> session.createObjectMessage(body));
    }

    private JMSProducer send(Destination destination, ClientContext.JmsFunction<Session, Message> build) {
        context.checkOpen();
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("the destination to send to is null");
        }
        context.onSession(session -> {
            Message message = build.apply(session);
            applyHeadersAndProperties(message);
            MessageProducer producer = context.sharedProducer();
            producer.setDisableMessageID(disableMessageId);
            producer.setDisableMessageTimestamp(disableMessageTimestamp);
            producer.setDeliveryDelay(deliveryDelay);
            if (completionListener == null) {
                producer.send(destination, message, deliveryMode, priority, timeToLive);
            } else {
                producer.send(destination, message, deliveryMode, priority, timeToLive, completionListener);
            }
            return null;
        });
        return this;
    }

    /** Producer-level headers and properties override those already on the message (JMSProducer javadoc). */
    private void applyHeadersAndProperties(Message message) throws JMSException {
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        } else if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        properties.applyTo(message);
    }

    // ---- send options ----

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableMessageTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableMessageTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSRuntimeException("invalid delivery mode " + deliveryMode
                    + "; expected DeliveryMode.PERSISTENT (2) or DeliveryMode.NON_PERSISTENT (1)");
        }
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        if (priority < 0 || priority > 9) {
            throw new JMSRuntimeException("invalid priority " + priority + "; expected 0 to 9");
        }
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // ---- properties ----

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        properties.clear();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.getObject(name);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.names();
    }

    // ---- headers ----

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
