package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.List;

/** The parser's position in the token list, and its way of reporting errors there. Single use. */
final class TokenCursor {

    private final String source;
    private final List<Token> tokens;
    private int next;

    TokenCursor(String source) throws InvalidSelectorException {
        this.source = source;
        this.tokens = new Lexer(source).tokenize();
    }

    Token peek() {
        return tokens.get(next);
    }

    /** The token after {@link #peek()}, or END. */
    Token peekSecond() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    Token advance() {
        Token token = tokens.get(next);
        if (token.type() != TokenType.END) {
            next++;
        }
        return token;
    }

    boolean accept(TokenType type) {
        if (peek().type() == type) {
            advance();
            return true;
        }
        return false;
    }

    void expect(TokenType type, String what) throws InvalidSelectorException {
        if (!accept(type)) {
            throw error(peek().position(), "expected " + what + " but found " + peek().describe());
        }
    }

    Token expectString(String what) throws InvalidSelectorException {
        Token token = peek();
        if (token.type() != TokenType.STRING) {
            throw error(token.position(), what + " must be a string literal but found " + token.describe());
        }
        return advance();
    }

    InvalidSelectorException unexpected(Token token) {
        String problem = token.type().isReservedWord()
                ? "unexpected reserved word " + token.describe()
                : "unexpected " + token.describe();
        return error(token.position(), problem);
    }

    InvalidSelectorException error(int index, String problem) {
        return SyntaxErrors.at(source, index, problem);
    }
}
