package org.messagestore.selector;

/** A string, exact or approximate numeric, or boolean literal. */
record Literal(Object value) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        return value;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.of(value);
    }
}
