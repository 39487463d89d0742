package org.messagestore.selector;

/**
 * {@code value [NOT] BETWEEN low AND high}, evaluated exactly as the equivalences of §3.8.1.1:
 * BETWEEN is {@code value >= low AND value <= high}; NOT BETWEEN is
 * {@code value < low OR value > high}. So a NULL value is UNKNOWN, and a non-numeric value is
 * FALSE both ways (non-like comparisons are false).
 */
record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        Object v = value.evaluate(message);
        Object lo = low.evaluate(message);
        Object hi = high.evaluate(message);
        if (negated) {
            return Logic.or(ComparisonOperator.LESS.apply(v, lo), ComparisonOperator.GREATER.apply(v, hi));
        }
        return Logic.and(ComparisonOperator.GREATER_OR_EQUAL.apply(v, lo),
                ComparisonOperator.LESS_OR_EQUAL.apply(v, hi));
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
