package org.messagestore.selector;

import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}, defined for string identifiers (§3.8.1.1). A NULL
 * identifier is UNKNOWN, and so is a value of another type: neither IN nor NOT IN selects a message
 * whose property is not a string (the Jakarta Messaging TCK checks that {@code NOT IN} does not
 * select an int property).
 */
record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {

    In {
        values = Set.copyOf(values);
    }

    @Override
    public Object evaluate(MessageView message) {
        Object value = identifier.evaluate(message);
        if (!(value instanceof String s)) {
            return null;
        }
        return values.contains(s) != negated;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.BOOLEAN;
    }
}
