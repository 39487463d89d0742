package org.messagestore.selector;

import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}. §3.8.1.1 defines IN as an OR of = comparisons and
 * NOT IN as its negation, so a NULL identifier is UNKNOWN, and a non-string value (a non-like
 * comparison, hence false) makes IN FALSE and NOT IN TRUE.
 */
record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {

    In {
        values = Set.copyOf(values);
    }

    @Override
    public Object evaluate(MessageView message) {
        Object value = identifier.evaluate(message);
        if (value == null) {
            return null;
        }
        boolean member = value instanceof String s && values.contains(s);
        return member != negated;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
