package org.messagestore.ra.admin;

import jakarta.jms.Queue;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue as the application server binds it in JNDI: an administered object whose one property,
 * {@code name}, is the queue's name in the broker. The client takes any {@link Queue} by its name,
 * so this object is all a sender or an MDB needs.
 */
public class MessageStoreQueue implements Queue, Serializable {

    private static final long serialVersionUID = 1L;

    private String name;

    public MessageStoreQueue() {
    }

    public MessageStoreQueue(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getQueueName() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageStoreQueue queue && Objects.equals(name, queue.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "queue://" + name;
    }
}
