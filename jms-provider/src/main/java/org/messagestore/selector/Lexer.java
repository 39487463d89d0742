package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits a selector into tokens (§3.8.1.1 literals, identifiers, operators). Single use. */
final class Lexer {

    private static final Map<String, TokenType> RESERVED_WORDS = Map.ofEntries(
            Map.entry("NOT", TokenType.NOT), Map.entry("AND", TokenType.AND), Map.entry("OR", TokenType.OR),
            Map.entry("BETWEEN", TokenType.BETWEEN), Map.entry("LIKE", TokenType.LIKE),
            Map.entry("IN", TokenType.IN), Map.entry("IS", TokenType.IS), Map.entry("ESCAPE", TokenType.ESCAPE),
            Map.entry("NULL", TokenType.NULL), Map.entry("TRUE", TokenType.TRUE),
            Map.entry("FALSE", TokenType.FALSE));

    private final String expression;
    private int position;

    Lexer(String expression) {
        this.expression = expression;
    }

    /** All tokens, ending with one END token. */
    List<Token> tokenize() throws InvalidSelectorException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position == expression.length()) {
                tokens.add(new Token(TokenType.END, "", position, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    /** Java white space (§3.8.1.1): space, horizontal tab, form feed and line terminators. */
    private void skipWhitespace() {
        while (position < expression.length() && " \t\f\n\r".indexOf(expression.charAt(position)) >= 0) {
            position++;
        }
    }

    private Token next() throws InvalidSelectorException {
        int start = position;
        int c = expression.codePointAt(position);
        if (c == '\'') {
            return string();
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < expression.length()
                && Character.isDigit(expression.charAt(position + 1)))) {
            return number();
        }
        // §3.8.1.1 names Character.isJavaLetter/isJavaLetterOrDigit, the deprecated forms of these.
        if (Character.isJavaIdentifierStart(c)) {
            return word();
        }
        position++;
        return switch (c) {
            case '(' -> symbol(TokenType.LEFT_PAREN, start);
            case ')' -> symbol(TokenType.RIGHT_PAREN, start);
            case ',' -> symbol(TokenType.COMMA, start);
            case '=' -> symbol(TokenType.EQUAL, start);
            case '+' -> symbol(TokenType.PLUS, start);
            case '-' -> symbol(TokenType.MINUS, start);
            case '*' -> symbol(TokenType.STAR, start);
            case '/' -> symbol(TokenType.SLASH, start);
            case '<' -> accept('>') ? symbol(TokenType.NOT_EQUAL, start)
                    : accept('=') ? symbol(TokenType.LESS_OR_EQUAL, start)
                    : symbol(TokenType.LESS, start);
            case '>' -> accept('=') ? symbol(TokenType.GREATER_OR_EQUAL, start) : symbol(TokenType.GREATER, start);
            default -> throw SyntaxErrors.at(expression, start, "unexpected character " + quoteCharacter(c));
        };
    }

    private boolean accept(char expected) {
        if (position < expression.length() && expression.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Token symbol(TokenType type, int start) {
        return new Token(type, expression.substring(start, position), start, null);
    }

    /** 'text' with '' standing for one quote (§3.8.1.1). */
    private Token string() throws InvalidSelectorException {
        int start = position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            int quote = expression.indexOf('\'', position);
            if (quote < 0) {
                throw SyntaxErrors.at(expression, start, "unterminated string literal");
            }
            value.append(expression, position, quote);
            position = quote + 1;
            if (!accept('\'')) {
                return new Token(TokenType.STRING, value.toString(), start, value.toString());
            }
            value.append('\'');
        }
    }

    /**
     * Takes the longest run that could belong to a Java numeric literal, then validates it as a
     * whole, so that "1.2.3" or "12abc" is one bad literal rather than two odd tokens.
     */
    private Token number() throws InvalidSelectorException {
        int start = position;
        boolean hex = expression.regionMatches(true, position, "0x", 0, 2);
        while (position < expression.length()) {
            char c = expression.charAt(position);
            char previous = position > start ? expression.charAt(position - 1) : ' ';
            boolean exponentSign = (c == '+' || c == '-')
                    && (hex ? previous == 'p' || previous == 'P' : previous == 'e' || previous == 'E');
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign)) {
                break;
            }
            position++;
        }
        position = start + wellFormedLength(expression.substring(start, position));
        String text = expression.substring(start, position);
        try {
            Object value = NumericLiteral.read(text);
            TokenType type = value instanceof NumericLiteral.Exact
                    ? TokenType.EXACT_NUMBER
                    : TokenType.APPROXIMATE_NUMBER;
            return new Token(type, text, start, value);
        } catch (IllegalArgumentException e) {
            throw SyntaxErrors.at(expression, start, e.getMessage());
        }
    }

    /**
     * The run's length, unless it is a literal directly followed by a reserved word ("1AND", which
     * Java's tokenizer would also split); then the literal's length. Not for hex runs, where
     * letters may be digits and Java would split elsewhere ("0x1AND" is 0x1A, ND).
     */
    private static int wellFormedLength(String run) {
        if (run.regionMatches(true, 0, "0x", 0, 2)) {
            return run.length();
        }
        int letters = 0;
        while (letters < run.length() && isAsciiLetter(run.charAt(run.length() - 1 - letters))) {
            letters++;
        }
        for (int length = Math.min(letters, 7); length >= 2; length--) {
            String literal = run.substring(0, run.length() - length);
            String word = run.substring(run.length() - length).toUpperCase(Locale.ROOT);
            if (RESERVED_WORDS.containsKey(word) && NumericLiteral.isWellFormed(literal)) {
                return literal.length();
            }
        }
        return run.length();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** An identifier or a reserved word; reserved words are case-insensitive, identifiers are not. */
    private Token word() {
        int start = position;
        position += Character.charCount(expression.codePointAt(position));
        while (position < expression.length() && Character.isJavaIdentifierPart(expression.codePointAt(position))) {
            position += Character.charCount(expression.codePointAt(position));
        }
        String text = expression.substring(start, position);
        // Upper-case ASCII words only, so that e.g. a Turkish dotless 'ın' is not read as IN.
        TokenType reserved = text.chars().allMatch(c -> c < 128)
                ? RESERVED_WORDS.get(text.toUpperCase(Locale.ROOT))
                : null;
        return new Token(reserved == null ? TokenType.IDENTIFIER : reserved, text, start, null);
    }

    private static String quoteCharacter(int c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                ? String.format("U+%04X", c)
                : "'" + new String(Character.toChars(c)) + "'";
    }
}
