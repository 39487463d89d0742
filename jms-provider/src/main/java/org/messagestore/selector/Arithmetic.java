package org.messagestore.selector;

/**
 * {@code left op right} for +, -, *, /. NULL or a non-numeric operand gives NULL: SQL makes
 * arithmetic with an unknown value unknown, and §3.8.1.1 says a string cannot be used in an
 * arithmetic expression.
 */
record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        Object a = left.evaluate(message);
        if (!NumericPromotion.isNumeric(a)) {
            return null;
        }
        Object b = right.evaluate(message);
        if (!NumericPromotion.isNumeric(b)) {
            return null;
        }
        return NumericPromotion.apply(operator, (Number) a, (Number) b);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.NUMERIC;
    }
}
