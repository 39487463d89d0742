package org.messagestore.selector;

/** {@code left op right} for =, <>, <, <=, >, >=. */
record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        return operator.apply(left.evaluate(message), right.evaluate(message));
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
