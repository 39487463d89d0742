package org.messagestore.client.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.messagestore.client.destination.ClientDestination;
import org.messagestore.client.destination.Destinations;
import org.messagestore.model.BodyType;
import org.messagestore.model.MessageData;

/**
 * This provider's {@link Message}: headers, properties and the read-only state of the body; the
 * subclasses hold the six kinds of body. Instances are created by the session (new, writable) or by
 * {@link MessageConversion#fromData} (received: properties and body read-only, headers settable,
 * Jakarta Messaging 3.1, 3.10 "Changing the value of a received message").
 *
 * <p>Like every JMS message, an instance is used by one thread at a time.
 */
public abstract sealed class ClientMessage implements Message
        permits ClientPlainMessage, ClientTextMessage, ClientBytesMessage, ClientMapMessage,
                ClientStreamMessage, ClientObjectMessage {

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination destination;
    private Destination replyTo;
    private String type;
    private int deliveryMode = DEFAULT_DELIVERY_MODE;
    private boolean redelivered;
    private long expiration;
    private long deliveryTime;
    private int priority = DEFAULT_PRIORITY;

    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    ClientMessage() {
    }

    /** Installed by the session on received messages in CLIENT_ACKNOWLEDGE mode; null for none. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    // ---- headers (Jakarta Messaging 3.4); settable even on a received message ----

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The bytes form of a correlation id set as a String is its UTF-8 encoding, and vice versa. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationIdBytes = correlationId == null ? null : correlationId.clone();
        this.correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
        this.correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties (Jakarta Messaging 3.5) ----

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversion.toBoolean(properties.get(name), describe(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversion.toByte(properties.get(name), describe(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversion.toShort(properties.get(name), describe(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversion.toInt(properties.get(name), describe(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversion.toLong(properties.get(name), describe(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversion.toFloat(properties.get(name), describe(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversion.toDouble(properties.get(name), describe(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversion.toString(properties.get(name), describe(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    private static String describe(String name) {
        return "property '" + name + "'";
    }

    // ---- body ----

    /** Empties the body and makes it writable (Jakarta Messaging 3.11.1). */
    @Override
    public void clearBody() {
        bodyReadOnly = false;
        clearBodyContent();
    }

    /**
     * A plain Message has no body: null for any type (Message.getBody javadoc). Subclasses with a
     * body override this.
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return true;
    }

    /** True on a received message until clearBody; for Bytes/StreamMessage also "in read mode". */
    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean readOnly) {
        this.bodyReadOnly = readOnly;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException(getClass().getSimpleName()
                    + " body is read-only: call clearBody() to write to a received or reset message");
        }
    }

    /** For Bytes/StreamMessage, whose body is write-only until reset() (3.11.2, 3.11.3). */
    final void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException(getClass().getSimpleName()
                    + " body is write-only: call reset() before reading");
        }
    }

    static <T> MessageFormatException notAssignable(String kind, Class<T> c) {
        return new MessageFormatException("the body of a " + kind + " cannot be assigned to "
                + (c == null ? "null" : c.getName()));
    }

    abstract BodyType bodyType();

    /**
     * The body in the format of {@link MessageConversion}. The returned array is never written to
     * afterwards, by the message or by the caller, so it may be shared.
     */
    abstract byte[] encodeBody() throws JMSException;

    /** Installs a received body; the array is kept but never written to or handed out. */
    abstract void loadBody(byte[] body);

    abstract void clearBodyContent();

    // ---- conversion to and from MessageData ----

    final MessageData toData() throws JMSException {
        MessageConversion.requireDestination(destination, this);
        return new MessageData(
                messageId,
                timestamp,
                correlationId,
                correlationIdBytes == null ? null : correlationIdBytes.clone(),
                Destinations.toName(destination),
                Destinations.toName(replyTo),
                type,
                deliveryMode == DeliveryMode.PERSISTENT,
                priority,
                expiration,
                deliveryTime,
                properties.forSend(),
                bodyType(),
                encodeBody());
    }

    final void receive(MessageData data, int deliveryCount) {
        messageId = data.messageId();
        timestamp = data.timestamp();
        correlationId = data.correlationId();
        correlationIdBytes = data.correlationIdBytes() == null ? null : data.correlationIdBytes().clone();
        destination = Destinations.fromName(data.destination());
        replyTo = Destinations.fromName(data.replyTo());
        type = data.type();
        deliveryMode = data.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
        priority = data.priority();
        expiration = data.expiration();
        deliveryTime = data.deliveryTime();
        redelivered = deliveryCount > 1;
        properties.receive(data.properties(), deliveryCount);
        loadBody(data.body());
        bodyReadOnly = true;
    }

    @Override
    public String toString() {
        var text = new StringBuilder(getClass().getSimpleName()).append("[id=").append(messageId);
        text.append(", destination=").append(destination instanceof ClientDestination own
                ? own.destinationName().toString() : String.valueOf(destination));
        if (redelivered) {
            text.append(", redelivered");
        }
        return text.append(']').toString();
    }
}
