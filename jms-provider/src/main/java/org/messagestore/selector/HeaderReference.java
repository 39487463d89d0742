package org.messagestore.selector;

/** One of the six header fields a selector may reference. */
record HeaderReference(HeaderField field) implements Identifier {

    @Override
    public String name() {
        return field.selectorName();
    }

    @Override
    public Object evaluate(MessageView message) {
        return field.read(message);
    }
}
