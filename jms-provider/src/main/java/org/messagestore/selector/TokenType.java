package org.messagestore.selector;

/** The kinds of token a selector is made of. */
enum TokenType {
    IDENTIFIER, STRING, EXACT_NUMBER, APPROXIMATE_NUMBER,
    // Reserved words, case-insensitive (§3.8.1.1).
    NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE,
    LEFT_PAREN, RIGHT_PAREN, COMMA,
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    PLUS, MINUS, STAR, SLASH,
    END;

    boolean isReservedWord() {
        return compareTo(NOT) >= 0 && compareTo(FALSE) <= 0;
    }
}
