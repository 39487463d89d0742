package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;
import org.messagestore.model.BodyType;

/**
 * An {@link ObjectMessage}. The object is serialized when it is set, so later changes to it do not
 * change the message (ObjectMessage.setObject javadoc), and each {@link #getObject()} returns a
 * fresh copy. Deserialization rules are those of {@link ObjectSerialization}: only the classes of the
 * connection's {@link DeserializationAllowList} are deserialized; a refused body stays intact for
 * consumers that allow more.
 */
public final class ClientObjectMessage extends ClientMessage implements ObjectMessage {

    /** The serialized object, or null for none; replaced, never written to, so it may be shared. */
    private byte[] serialized;
    /** What {@link #getObject()} may deserialize; null: {@link DeserializationAllowList#defaults()}. */
    private DeserializationAllowList allowList;

    public ClientObjectMessage() {
    }

    public ClientObjectMessage(Serializable object) throws JMSException {
        setObject(object);
    }

    /** A message whose {@link #getObject()} deserializes only what {@code allowList} allows. */
    public ClientObjectMessage(DeserializationAllowList allowList) {
        this.allowList = allowList;
    }

    /** A message holding {@code object}, read back only as far as {@code allowList} allows. */
    public ClientObjectMessage(Serializable object, DeserializationAllowList allowList) throws JMSException {
        this(allowList);
        setObject(object);
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : ObjectSerialization.serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        return ObjectSerialization.deserialize(serialized, allowList != null ? allowList : DeserializationAllowList.defaults());
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable body = getObject();
        if (body == null) {
            return null;
        }
        if (c == null || !c.isInstance(body)) {
            throw notAssignable("ObjectMessage holding a " + body.getClass().getName(), c);
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c != null && c.isInstance(getObject());
        } catch (JMSException e) {
            return false; // isBodyAssignableTo javadoc: false when deserialization fails
        }
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void loadBody(byte[] body) {
        serialized = body;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }
}
