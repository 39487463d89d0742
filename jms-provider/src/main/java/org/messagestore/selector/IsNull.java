package org.messagestore.selector;

/**
 * {@code identifier IS [NOT] NULL}: tests for a null header field or a missing property, and is
 * never UNKNOWN (§3.8.1.2).
 */
record IsNull(Identifier identifier, boolean negated) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        return (identifier.evaluate(message) == null) != negated;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
