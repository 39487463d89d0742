package org.messagestore.selector;

/**
 * One token of a selector.
 *
 * @param text     the source text (string literals: the unquoted value)
 * @param position 0-based index of the first character in the expression
 * @param value    the literal's value for STRING, EXACT_NUMBER and APPROXIMATE_NUMBER, else null
 */
record Token(TokenType type, String text, int position, Object value) {

    /** How error messages quote this token. */
    String describe() {
        return switch (type) {
            case END -> "end of expression";
            case STRING -> "string literal '" + text.replace("'", "''") + "'";
            default -> "'" + text + "'";
        };
    }
}
