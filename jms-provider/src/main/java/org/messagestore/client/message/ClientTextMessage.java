package org.messagestore.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.messagestore.model.BodyType;

/**
 * A {@link TextMessage}. A received text is decoded on first read, and its encoded form is reused
 * when the message is sent on unchanged.
 */
public final class ClientTextMessage extends ClientMessage implements TextMessage {

    private String text;
    /** The received encoding of {@link #text}, until the body changes; never written to. */
    private byte[] encoded;
    private boolean decoded = true;

    public ClientTextMessage() {
    }

    public ClientTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
        this.encoded = null;
        this.decoded = true;
    }

    @Override
    public String getText() throws JMSException {
        if (!decoded) {
            text = Cesu8.decode(encoded, 0, encoded.length);
            decoded = true;
        }
        return text;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        String body = getText();
        if (body == null) {
            return null;
        }
        if (!isBodyAssignableTo(c)) {
            throw notAssignable("TextMessage", c);
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        boolean noBody = decoded && text == null;
        if (noBody) {
            return true;
        }
        return c != null && c.isAssignableFrom(String.class);
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        if (encoded != null) {
            return encoded;
        }
        return text == null ? null : Cesu8.encode(text);
    }

    @Override
    void loadBody(byte[] body) {
        text = null;
        encoded = body;
        decoded = body == null;
    }

    @Override
    void clearBodyContent() {
        loadBody(null);
    }
}
