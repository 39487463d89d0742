package org.messagestore.broker;

import org.messagestore.model.MessageData;
import org.messagestore.selector.MessageView;

/**
 * What a selector reads from a message, straight off the immutable {@link MessageData}: copies
 * nothing, so it is created per evaluation. Threads: immutable.
 */
record MessageDataView(MessageData data) implements MessageView {

    @Override
    public String messageId() {
        return data.messageId();
    }

    @Override
    public long timestamp() {
        return data.timestamp();
    }

    @Override
    public String correlationId() {
        return data.correlationId();
    }

    @Override
    public String type() {
        return data.type();
    }

    @Override
    public boolean persistent() {
        return data.persistent();
    }

    @Override
    public int priority() {
        return data.priority();
    }

    @Override
    public Object property(String name) {
        return data.properties().get(name);
    }
}
