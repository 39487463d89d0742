package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;
import org.messagestore.model.BodyType;

/**
 * An {@link ObjectMessage}. The object is serialized when it is set, so later changes to it do not
 * change the message (ObjectMessage.setObject javadoc), and each {@link #getObject()} returns a
 * fresh copy. Deserialization rules are those of {@link ObjectSerialization}.
 */
public final class ClientObjectMessage extends ClientMessage implements ObjectMessage {

    /** The serialized object, or null for none; replaced, never written to, so it may be shared. */
    private byte[] serialized;

    public ClientObjectMessage() {
    }

    public ClientObjectMessage(Serializable object) throws JMSException {
        setObject(object);
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : ObjectSerialization.serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : ObjectSerialization.deserialize(serialized);
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
