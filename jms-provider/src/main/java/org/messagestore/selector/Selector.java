package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.Objects;

/**
 * A parsed message selector (Jakarta Messaging 3.1 §3.8.1).
 *
 * <p>Parse once with {@link #parse}, then call {@link #matches} for each message. The parsed form
 * is immutable, so one instance may be shared by any number of threads.
 *
 * <p>An empty or blank expression is accepted and matches every message, because §3.8.1.1 says an
 * empty selector is treated as no selector. {@code null} is rejected: callers decide what "no
 * selector" means before getting here.
 */
public final class Selector {

    private final String expression;
    private final Expression condition;

    private Selector(String expression, Expression condition) {
        this.expression = expression;
        this.condition = condition;
    }

    /**
     * Parses a selector.
     *
     * @throws InvalidSelectorException if the expression is not a valid selector; the message
     *         names the expression, the problem and its 1-based character position
     */
    public static Selector parse(String expression) throws InvalidSelectorException {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            return new Selector(expression, new Literal(Boolean.TRUE));
        }
        return new Selector(expression, new Parser(expression).parseSelector());
    }

    /**
     * True only when the selector evaluates to TRUE for this message; FALSE and UNKNOWN do not
     * match (§3.8.1.1). Never throws for any property values the message holds.
     */
    public boolean matches(MessageView message) {
        return Logic.truth(condition.evaluate(message)) == Boolean.TRUE;
    }

    /** The expression exactly as given to {@link #parse}. */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return "Selector[" + expression + "]";
    }
}
