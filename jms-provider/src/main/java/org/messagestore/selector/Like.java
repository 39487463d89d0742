package org.messagestore.selector;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}, defined for string identifiers (§3.8.1.1).
 * A NULL identifier is UNKNOWN, and so is a value of another type, exactly as {@link In} treats it.
 */
record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        Object value = identifier.evaluate(message);
        if (!(value instanceof String s)) {
            return null;
        }
        return pattern.matches(s) != negated;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
