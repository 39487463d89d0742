package org.messagestore.ra.admin;

import jakarta.jms.Topic;

/** A topic as the application server binds it in JNDI (administered object, property {@code name}). */
public class MessageStoreTopic extends NamedDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public MessageStoreTopic() {
        super(null);
    }

    public MessageStoreTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public String toString() {
        return "topic://" + getName();
    }
}
