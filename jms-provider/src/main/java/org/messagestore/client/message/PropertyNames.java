package org.messagestore.client.message;

import java.util.Locale;
import java.util.Set;

/**
 * Checks property names: they must obey the rules for a message selector identifier (Jakarta
 * Messaging 3.1, 3.5.1 "Property names" and 3.8.1.1 "Message selector syntax"): a Java identifier
 * that is none of the selector keywords, which are case-insensitive.
 */
public final class PropertyNames {

    private static final Set<String> RESERVED = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    public static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw invalid(name, "it does not start with a letter, '_' or '$'");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw invalid(name, "character '" + name.charAt(i) + "' is not allowed in an identifier");
            }
        }
        // BETWEEN, the longest keyword, has seven letters
        if (name.length() <= 7 && RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw invalid(name, "it is a message selector keyword");
        }
    }

    private static IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException("'" + name + "' is not a valid property name: " + why
                + " (property names follow the message selector identifier rules)");
    }
}
