package org.messagestore.client.message;

import org.messagestore.model.BodyType;

/** A plain {@link jakarta.jms.Message}: headers and properties, no body. */
public final class ClientPlainMessage extends ClientMessage {

    public ClientPlainMessage() {
    }

    @Override
    BodyType bodyType() {
        return BodyType.MESSAGE;
    }

    @Override
    byte[] encodeBody() {
        return null;
    }

    @Override
    void loadBody(byte[] body) {
        // a plain message has no body; anything sent along is ignored
    }

    @Override
    void clearBodyContent() {
    }
}
