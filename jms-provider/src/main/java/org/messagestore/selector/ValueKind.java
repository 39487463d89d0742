package org.messagestore.selector;

/**
 * The type of an expression as far as it is known at parse time. Identifiers are {@link #ANY}:
 * a property's type is only known per message (§3.8.1.1: "not all semantic checking can be
 * performed at the time a message selector is presented").
 */
enum ValueKind {
    BOOLEAN("a boolean"),
    NUMERIC("a numeric expression"),
    STRING("a string"),
    ANY("an identifier");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    static ValueKind of(Object literal) {
        if (literal instanceof Boolean) {
            return BOOLEAN;
        }
        if (literal instanceof Number) {
            return NUMERIC;
        }
        return literal instanceof String ? STRING : ANY;
    }

    boolean canBeCondition() {
        return this == BOOLEAN || this == ANY;
    }

    boolean canBeNumeric() {
        return this == NUMERIC || this == ANY;
    }

    String description() {
        return description;
    }
}
