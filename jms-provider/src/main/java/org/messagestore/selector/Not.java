package org.messagestore.selector;

/** {@code NOT condition}. */
record Not(Expression operand) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        return Logic.not(Logic.truth(operand.evaluate(message)));
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
