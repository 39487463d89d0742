package org.messagestore.ra.admin;

import jakarta.jms.Queue;

/** A queue as the application server binds it in JNDI (administered object, property {@code name}). */
public class MessageStoreQueue extends NamedDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public MessageStoreQueue() {
        super(null);
    }

    public MessageStoreQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public String toString() {
        return "queue://" + getName();
    }
}
