package org.messagestore.selector;

/** Unary {@code +x} or {@code -x} on a non-literal; NULL or a non-number gives NULL. */
record Sign(boolean negative, Expression operand) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        Object value = operand.evaluate(message);
        if (!NumericPromotion.isNumeric(value)) {
            return null;
        }
        return negative
                ? NumericPromotion.negate((Number) value)
                : NumericPromotion.promoteUnary((Number) value);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.NUMERIC;
    }
}
