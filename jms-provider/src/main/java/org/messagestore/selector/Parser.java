package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the selector grammar of §3.8.1.1, one method per precedence level,
 * lowest first:
 *
 * <pre>
 * selector       := or END
 * or             := and (OR and)*
 * and            := not (AND not)*
 * not            := NOT not | comparison
 * comparison     := additive [ (= | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) additive
 *                            | [NOT] BETWEEN additive AND additive
 *                            | [NOT] IN '(' string (',' string)* ')'
 *                            | [NOT] LIKE string [ESCAPE string]
 *                            | IS [NOT] NULL ]
 * additive       := multiplicative ((+ | -) multiplicative)*
 * multiplicative := unary ((* | /) unary)*
 * unary          := (+ | -) unary | primary
 * primary        := literal | identifier | '(' or ')'
 * </pre>
 *
 * <p>Binary operators associate to the left ("from left to right within precedence level").
 * Besides syntax it rejects what is wrong whatever the message holds (§3.8.1.1 allows semantic
 * checks at parse time): a non-condition where a condition is required, arithmetic or ordering
 * on a string or boolean literal, IN/LIKE/IS NULL on anything but an identifier. Single use.
 */
final class Parser {

    /** Bounds recursion, in the parser and later in evaluation, for any input. */
    private static final int MAX_DEPTH = 200;

    /** A parsed subexpression with where it starts (for messages) and its tree depth. */
    private record Parsed(Expression expression, int position, int depth) {

        ValueKind kind() {
            return expression.kind();
        }
    }

    private final TokenCursor tokens;
    private int nesting;

    Parser(String source) throws InvalidSelectorException {
        this.tokens = new TokenCursor(source);
    }

    Expression parseSelector() throws InvalidSelectorException {
        Parsed selector = or();
        if (tokens.peek().type() != TokenType.END) {
            throw tokens.unexpected(tokens.peek());
        }
        // §3.8.1.1: "A selector is a conditional expression".
        requireCondition(selector);
        return selector.expression();
    }

    private Parsed or() throws InvalidSelectorException {
        Parsed first = and();
        if (tokens.peek().type() != TokenType.OR) {
            return first;
        }
        List<Parsed> operands = new ArrayList<>(List.of(requireCondition(first)));
        while (tokens.accept(TokenType.OR)) {
            operands.add(requireCondition(and()));
        }
        return node(new Or(expressions(operands)), first.position(), operands);
    }

    private Parsed and() throws InvalidSelectorException {
        Parsed first = not();
        if (tokens.peek().type() != TokenType.AND) {
            return first;
        }
        List<Parsed> operands = new ArrayList<>(List.of(requireCondition(first)));
        while (tokens.accept(TokenType.AND)) {
            operands.add(requireCondition(not()));
        }
        return node(new And(expressions(operands)), first.position(), operands);
    }

    private Parsed not() throws InvalidSelectorException {
        Token not = tokens.peek();
        if (!tokens.accept(TokenType.NOT)) {
            return comparison();
        }
        enter(not);
        Parsed operand = requireCondition(not());
        nesting--;
        return node(new Not(operand.expression()), not.position(), List.of(operand));
    }

    private Parsed comparison() throws InvalidSelectorException {
        Parsed left = additive();
        Token token = tokens.peek();
        ComparisonOperator operator = comparisonOperator(token.type());
        if (operator != null) {
            tokens.advance();
            Parsed right = additive();
            if (operator.isOrdering()) {
                requireOrderable(left, operator);
                requireOrderable(right, operator);
            } else {
                requireLikeKinds(left, right, operator);
            }
            return node(new Comparison(operator, left.expression(), right.expression()),
                    left.position(), List.of(left, right));
        }
        boolean negated = token.type() == TokenType.NOT && isNegatablePredicate(tokens.peekSecond().type());
        if (negated) {
            tokens.advance();
        }
        return switch (tokens.peek().type()) {
            case BETWEEN -> between(left, negated);
            case IN -> in(left, negated);
            case LIKE -> like(left, negated);
            case IS -> isNull(left);
            default -> left;
        };
    }

    private Parsed between(Parsed value, boolean negated) throws InvalidSelectorException {
        tokens.advance();
        Parsed low = additive();
        tokens.expect(TokenType.AND, "AND of BETWEEN");
        Parsed high = additive();
        for (Parsed operand : List.of(value, low, high)) {
            requireNumeric(operand, "BETWEEN");
        }
        return node(new Between(value.expression(), low.expression(), high.expression(), negated),
                value.position(), List.of(value, low, high));
    }

    /** §3.8.1.1: {@code identifier [NOT] IN (string-literal1, string-literal2, ...)}. */
    private Parsed in(Parsed value, boolean negated) throws InvalidSelectorException {
        Identifier identifier = requireIdentifier(value, "IN");
        tokens.advance();
        tokens.expect(TokenType.LEFT_PAREN, "'(' after IN");
        Set<String> values = new LinkedHashSet<>();
        do {
            Token item = tokens.peek();
            if (item.type() != TokenType.STRING) {
                throw tokens.error(item.position(),
                        "IN list takes string literals only, found " + item.describe());
            }
            tokens.advance();
            values.add(item.text());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PAREN, "')' or ',' in IN list");
        return node(new In(identifier, values, negated), value.position(), List.of(value));
    }

    /** §3.8.1.1: {@code identifier [NOT] LIKE pattern-value [ESCAPE escape-character]}. */
    private Parsed like(Parsed value, boolean negated) throws InvalidSelectorException {
        Identifier identifier = requireIdentifier(value, "LIKE");
        tokens.advance();
        Token pattern = tokens.expectString("LIKE pattern");
        int escape = -1;
        if (tokens.accept(TokenType.ESCAPE)) {
            Token escapeToken = tokens.expectString("ESCAPE character");
            String text = escapeToken.text();
            if (text.codePointCount(0, text.length()) != 1) {
                throw tokens.error(escapeToken.position(),
                        "ESCAPE takes a single character, found " + escapeToken.describe());
            }
            escape = text.codePointAt(0);
        }
        try {
            LikePattern compiled = LikePattern.compile(pattern.text(), escape);
            return node(new Like(identifier, compiled, negated), value.position(), List.of(value));
        } catch (IllegalArgumentException e) {
            throw tokens.error(pattern.position(), e.getMessage());
        }
    }

    /** §3.8.1.1: {@code identifier IS [NOT] NULL}. */
    private Parsed isNull(Parsed value) throws InvalidSelectorException {
        Identifier identifier = requireIdentifier(value, "IS NULL");
        tokens.advance();
        boolean negated = tokens.accept(TokenType.NOT);
        tokens.expect(TokenType.NULL, "NULL after IS");
        return node(new IsNull(identifier, negated), value.position(), List.of(value));
    }

    private Parsed additive() throws InvalidSelectorException {
        Parsed left = multiplicative();
        while (tokens.peek().type() == TokenType.PLUS || tokens.peek().type() == TokenType.MINUS) {
            ArithmeticOperator operator = tokens.peek().type() == TokenType.PLUS
                    ? ArithmeticOperator.ADD
                    : ArithmeticOperator.SUBTRACT;
            tokens.advance();
            left = arithmetic(operator, left, multiplicative());
        }
        return left;
    }

    private Parsed multiplicative() throws InvalidSelectorException {
        Parsed left = unary();
        while (tokens.peek().type() == TokenType.STAR || tokens.peek().type() == TokenType.SLASH) {
            ArithmeticOperator operator = tokens.peek().type() == TokenType.STAR
                    ? ArithmeticOperator.MULTIPLY
                    : ArithmeticOperator.DIVIDE;
            tokens.advance();
            left = arithmetic(operator, left, unary());
        }
        return left;
    }

    private Parsed arithmetic(ArithmeticOperator operator, Parsed left, Parsed right)
            throws InvalidSelectorException {
        requireNumeric(left, "'" + operator.symbol() + "'");
        requireNumeric(right, "'" + operator.symbol() + "'");
        return node(new Arithmetic(operator, left.expression(), right.expression()),
                left.position(), List.of(left, right));
    }

    /**
     * A sign directly before a numeric literal is part of the literal (§3.8.1.1 lists -957 and
     * -57.9E2 as literals); that is also how -9223372036854775808 stays in range.
     */
    private Parsed unary() throws InvalidSelectorException {
        Token sign = tokens.peek();
        if (sign.type() != TokenType.PLUS && sign.type() != TokenType.MINUS) {
            return primary();
        }
        tokens.advance();
        boolean negative = sign.type() == TokenType.MINUS;
        Token operand = tokens.peek();
        if (operand.type() == TokenType.EXACT_NUMBER || operand.type() == TokenType.APPROXIMATE_NUMBER) {
            tokens.advance();
            return new Parsed(new Literal(signedNumber(operand, negative)), sign.position(), 1);
        }
        enter(sign);
        Parsed value = unary();
        nesting--;
        requireNumeric(value, "unary '" + sign.text() + "'");
        return node(new Sign(negative, value.expression()), sign.position(), List.of(value));
    }

    private Parsed primary() throws InvalidSelectorException {
        Token token = tokens.advance();
        return switch (token.type()) {
            case STRING -> leaf(new Literal(token.value()), token);
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> leaf(new Literal(signedNumber(token, false)), token);
            case TRUE -> leaf(new Literal(Boolean.TRUE), token);
            case FALSE -> leaf(new Literal(Boolean.FALSE), token);
            case IDENTIFIER -> leaf(Identifier.named(token.text()), token);
            case LEFT_PAREN -> parenthesized(token);
            case NULL -> throw tokens.error(token.position(),
                    "NULL may only be used in IS NULL or IS NOT NULL");
            default -> throw tokens.unexpected(token);
        };
    }

    private Parsed parenthesized(Token open) throws InvalidSelectorException {
        enter(open);
        Parsed inner = or();
        nesting--;
        if (tokens.peek().type() != TokenType.RIGHT_PAREN) {
            throw tokens.error(tokens.peek().position(),
                    "expected ')' to close '(' at position " + (open.position() + 1)
                            + " but found " + tokens.peek().describe());
        }
        tokens.advance();
        return new Parsed(inner.expression(), open.position(), inner.depth());
    }

    private Number signedNumber(Token token, boolean negative) throws InvalidSelectorException {
        if (token.value() instanceof NumericLiteral.Exact exact) {
            try {
                return (negative ? exact.negate() : exact).toNumber();
            } catch (IllegalArgumentException e) {
                throw tokens.error(token.position(), e.getMessage());
            }
        }
        Number approximate = (Number) token.value();
        return negative ? NumericPromotion.negate(approximate) : approximate;
    }

    // --- static type checks -------------------------------------------------------------------

    private Parsed requireCondition(Parsed operand) throws InvalidSelectorException {
        if (!operand.kind().canBeCondition()) {
            throw tokens.error(operand.position(),
                    "expected a condition but found " + operand.kind().description());
        }
        return operand;
    }

    private void requireNumeric(Parsed operand, String operator) throws InvalidSelectorException {
        if (!operand.kind().canBeNumeric()) {
            throw tokens.error(operand.position(),
                    operator + " needs numeric operands but found " + operand.kind().description());
        }
    }

    /** §3.8.1.1: "String and boolean comparison is restricted to = and <>". */
    private void requireOrderable(Parsed operand, ComparisonOperator operator) throws InvalidSelectorException {
        if (!operand.kind().canBeNumeric()) {
            throw tokens.error(operand.position(), "'" + operator.symbol()
                    + "' compares numbers only but found " + operand.kind().description()
                    + "; strings and booleans allow only = and <>");
        }
    }

    /**
     * §3.8.1.1 allows comparison of like types only. Where both sides' types are known here (literals,
     * arithmetic, conditions), a mismatch such as {@code TRUE = 0} is an invalid selector, as the
     * Jakarta Messaging TCK requires; identifiers are only checked per message.
     */
    private void requireLikeKinds(Parsed left, Parsed right, ComparisonOperator operator)
            throws InvalidSelectorException {
        ValueKind l = left.kind();
        ValueKind r = right.kind();
        if (l != ValueKind.ANY && r != ValueKind.ANY && l != r) {
            throw tokens.error(right.position(), "'" + operator.symbol() + "' cannot compare "
                    + l.description() + " with " + r.description());
        }
    }

    private Identifier requireIdentifier(Parsed operand, String operator) throws InvalidSelectorException {
        if (operand.expression() instanceof Identifier identifier) {
            return identifier;
        }
        throw tokens.error(operand.position(), operator + " needs an identifier on its left");
    }

    // --- depth -----------------------------------------------------------------------

    private Parsed leaf(Expression expression, Token token) {
        return new Parsed(expression, token.position(), 1);
    }

    private Parsed node(Expression expression, int position, List<Parsed> children)
            throws InvalidSelectorException {
        int depth = 1 + children.stream().mapToInt(Parsed::depth).max().orElse(0);
        if (depth > MAX_DEPTH) {
            throw tokens.error(position, "expression nests deeper than " + MAX_DEPTH + " levels");
        }
        return new Parsed(expression, position, depth);
    }

    private void enter(Token token) throws InvalidSelectorException {
        if (++nesting > MAX_DEPTH) {
            throw tokens.error(token.position(), "expression nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static List<Expression> expressions(List<Parsed> parsed) {
        return parsed.stream().map(Parsed::expression).toList();
    }

    private static ComparisonOperator comparisonOperator(TokenType type) {
        return switch (type) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private static boolean isNegatablePredicate(TokenType type) {
        return type == TokenType.BETWEEN || type == TokenType.IN || type == TokenType.LIKE;
    }
}
