package org.messagestore.ra.admin;

import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Objects;

/**
 * A topic as the application server binds it in JNDI: an administered object whose one property,
 * {@code name}, is the topic's name in the broker. The client takes any {@link Topic} by its name,
 * so this object is all a publisher or an MDB needs.
 */
public class MessageStoreTopic implements Topic, Serializable {

    private static final long serialVersionUID = 1L;

    private String name;

    public MessageStoreTopic() {
    }

    public MessageStoreTopic(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getTopicName() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageStoreTopic topic && Objects.equals(name, topic.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "topic://" + name;
    }
}
