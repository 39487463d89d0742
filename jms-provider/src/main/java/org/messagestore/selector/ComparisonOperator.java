package org.messagestore.selector;

/**
 * The comparison operators of §3.8.1.1 and how they treat each pair of values.
 */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Ordering operators; strings and booleans allow only = and <> (§3.8.1.1). */
    boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /**
     * Compares two values: UNKNOWN (null) if either is NULL; numbers numerically after Java
     * numeric promotion; strings and booleans by equality only. Non-like types, and ordering of
     * strings or booleans, give FALSE: §3.8.1.1 "if the comparison of non-like type values is
     * attempted, the value of the operation is false".
     */
    Boolean apply(Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        if (NumericPromotion.isNumeric(left) && NumericPromotion.isNumeric(right)) {
            return NumericPromotion.compare(this, (Number) left, (Number) right);
        }
        boolean likeTypes = (left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean);
        if (!likeTypes || isOrdering()) {
            return Boolean.FALSE;
        }
        return left.equals(right) == (this == EQUAL);
    }

    /** The result for two integral values. */
    boolean holds(long left, long right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }

    /** The result for two floating-point values, with Java's NaN semantics. */
    boolean holds(double left, double right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }
}
