package org.messagestore.selector;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}. A NULL identifier is UNKNOWN (§3.8.1.1).
 * LIKE is defined for string values; any other type is treated like the non-like comparison it
 * is, FALSE, and NOT LIKE is then its negation, TRUE, the same way IN treats it.
 */
record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {

    @Override
    public Object evaluate(MessageView message) {
        Object value = identifier.evaluate(message);
        if (value == null) {
            return null;
        }
        boolean matches = value instanceof String s && pattern.matches(s);
        return matches != negated;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
