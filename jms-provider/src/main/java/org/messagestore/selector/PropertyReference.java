package org.messagestore.selector;

/** A property; a property the message does not have is NULL (§3.8.1.1). */
record PropertyReference(String name) implements Identifier {

    @Override
    public Object evaluate(MessageView message) {
        return message.property(name);
    }
}
