package org.messagestore.selector;

/**
 * Java binary numeric promotion (JLS 5.6), which §3.8.1.1 requires for comparisons and arithmetic
 * between numeric values: byte, short and int become int; otherwise the wider of long, float and
 * double wins. Only the six numeric property types count as numbers; anything else (a String
 * holding digits included) is not numeric, since property conversions do not apply in selectors.
 */
final class NumericPromotion {

    private NumericPromotion() {
    }

    /** The type both operands are converted to. */
    enum Type { INT, LONG, FLOAT, DOUBLE }

    static boolean isNumeric(Object value) {
        return typeOf(value) != null;
    }

    /** The promoted type of one value (unary promotion), or null when it is not a number. */
    static Type typeOf(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Type.INT;
        }
        if (value instanceof Long) {
            return Type.LONG;
        }
        if (value instanceof Double) {
            return Type.DOUBLE;
        }
        return value instanceof Float ? Type.FLOAT : null;
    }

    static Type promote(Number left, Number right) {
        Type a = typeOf(left);
        Type b = typeOf(right);
        return a.compareTo(b) >= 0 ? a : b;
    }

    static boolean compare(ComparisonOperator operator, Number left, Number right) {
        return switch (promote(left, right)) {
            case INT, LONG -> operator.holds(left.longValue(), right.longValue());
            // float to double widening is exact, so comparing the widened values is the float comparison.
            case FLOAT -> operator.holds((double) left.floatValue(), (double) right.floatValue());
            case DOUBLE -> operator.holds(left.doubleValue(), right.doubleValue());
        };
    }

    /**
     * The result of a binary operation, or null (UNKNOWN) for integer division by zero, which in
     * Java would throw. Floating-point division by zero gives infinity or NaN, as in Java.
     */
    static Number apply(ArithmeticOperator operator, Number left, Number right) {
        return switch (promote(left, right)) {
            case INT -> operator == ArithmeticOperator.DIVIDE && right.intValue() == 0
                    ? null
                    : (Number) operator.apply(left.intValue(), right.intValue());
            case LONG -> operator == ArithmeticOperator.DIVIDE && right.longValue() == 0
                    ? null
                    : (Number) operator.apply(left.longValue(), right.longValue());
            case FLOAT -> operator.apply(left.floatValue(), right.floatValue());
            case DOUBLE -> operator.apply(left.doubleValue(), right.doubleValue());
        };
    }

    /** Unary minus, after unary promotion (a negated Byte is an Integer). */
    static Number negate(Number value) {
        return switch (typeOf(value)) {
            case INT -> -value.intValue();
            case LONG -> -value.longValue();
            case FLOAT -> -value.floatValue();
            case DOUBLE -> -value.doubleValue();
        };
    }

    /** Unary plus: the value after unary promotion. */
    static Number promoteUnary(Number value) {
        return switch (typeOf(value)) {
            case INT -> value.intValue();
            case LONG -> value.longValue();
            case FLOAT -> value.floatValue();
            case DOUBLE -> value.doubleValue();
        };
    }
}
