package org.messagestore.selector;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads numeric literals. §3.8.1.1: exact numeric literals use Java integer literal syntax (decimal,
 * hex, octal, binary, underscores, optional L) with long range; approximate literals use Java
 * floating-point literal syntax (decimal or hex, optional F or D suffix) with double range.
 */
final class NumericLiteral {

    /**
     * An exact literal before its sign is applied: the parser folds a leading minus first, so that
     * -9223372036854775808 is in range although 9223372036854775808 is not.
     *
     * @param value      decimal magnitude, or the two's complement value of a hex/octal/binary literal
     * @param longSuffix whether the literal ends in L, which makes it a long even when it fits an int
     */
    record Exact(BigInteger value, boolean longSuffix) {

        private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
        private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

        Exact negate() {
            return new Exact(value.negate(), longSuffix);
        }

        /**
         * An Integer when it fits and has no L suffix (as in Java, and so int arithmetic stays
         * int), otherwise a Long.
         *
         * @throws IllegalArgumentException outside long range
         */
        Number toNumber() {
            if (value.bitLength() > 63) {
                throw new IllegalArgumentException("exact numeric literal out of long range");
            }
            boolean fitsInt = value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0;
            // Not a ?: expression: that would unbox both branches and widen the Integer to a long.
            if (fitsInt && !longSuffix) {
                return value.intValue();
            }
            return value.longValue();
        }
    }

    private static final String DIGITS = "[0-9](?:[0-9_]*[0-9])?";
    private static final String HEX_DIGITS = "[0-9a-fA-F](?:[0-9a-fA-F_]*[0-9a-fA-F])?";
    private static final Pattern DECIMAL = Pattern.compile("(?:0|[1-9](?:[0-9_]*[0-9])?)[lL]?");
    private static final Pattern HEX = Pattern.compile("0[xX]" + HEX_DIGITS + "[lL]?");
    private static final Pattern OCTAL = Pattern.compile("0_*[0-7](?:[0-7_]*[0-7])?[lL]?");
    private static final Pattern BINARY = Pattern.compile("0[bB][01](?:[01_]*[01])?[lL]?");
    private static final String EXPONENT = "[eE][+-]?" + DIGITS;
    private static final Pattern DECIMAL_FLOAT = Pattern.compile(
            "(?:" + DIGITS + "\\.(?:" + DIGITS + ")?(?:" + EXPONENT + ")?[fFdD]?"
                    + "|\\." + DIGITS + "(?:" + EXPONENT + ")?[fFdD]?"
                    + "|" + DIGITS + EXPONENT + "[fFdD]?"
                    + "|" + DIGITS + "[fFdD])");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "0[xX](?:" + HEX_DIGITS + "\\.?|(?:" + HEX_DIGITS + ")?\\." + HEX_DIGITS + ")"
                    + "[pP][+-]?" + DIGITS + "[fFdD]?");

    private NumericLiteral() {
    }

    /** Whether the text has the form of a Java integer or floating-point literal. */
    static boolean isWellFormed(String text) {
        return DECIMAL.matcher(text).matches() || HEX.matcher(text).matches() || BINARY.matcher(text).matches()
                || OCTAL.matcher(text).matches() || HEX_FLOAT.matcher(text).matches()
                || DECIMAL_FLOAT.matcher(text).matches();
    }

    /**
     * @return an {@link Exact}, or a Float (F suffix) or Double
     * @throws IllegalArgumentException if the text is not a Java numeric literal or is out of range
     */
    static Object read(String text) {
        if (DECIMAL.matcher(text).matches()) {
            return exact(text, 0, 10);
        }
        if (HEX.matcher(text).matches()) {
            return exact(text, 2, 16);
        }
        if (BINARY.matcher(text).matches()) {
            return exact(text, 2, 2);
        }
        if (OCTAL.matcher(text).matches()) {
            return exact(text, 1, 8);
        }
        boolean hex = HEX_FLOAT.matcher(text).matches();
        if (hex || DECIMAL_FLOAT.matcher(text).matches()) {
            return approximate(text.replace("_", ""), hex);
        }
        throw new IllegalArgumentException("invalid numeric literal '" + text + "'");
    }

    private static Exact exact(String text, int prefix, int radix) {
        boolean longSuffix = text.endsWith("l") || text.endsWith("L");
        String digits = text.substring(prefix, text.length() - (longSuffix ? 1 : 0)).replace("_", "");
        BigInteger value = new BigInteger(digits, radix);
        if (radix == 10) {
            return new Exact(value, longSuffix);
        }
        // As in Java, hex, octal and binary literals may fill all 64 bits, giving negative values.
        if (value.bitLength() > 64) {
            throw new IllegalArgumentException("exact numeric literal '" + text + "' out of long range");
        }
        return new Exact(BigInteger.valueOf(value.longValue()), longSuffix);
    }

    private static Number approximate(String text, boolean hex) {
        boolean isFloat = text.endsWith("f") || text.endsWith("F");
        double value = isFloat ? Float.parseFloat(text) : Double.parseDouble(text);
        // Java rejects floating literals that overflow to infinity or underflow a nonzero value to zero.
        if (Double.isInfinite(value) || (value == 0 && hasNonZeroDigit(text, hex))) {
            throw new IllegalArgumentException("approximate numeric literal '" + text + "' out of "
                    + (isFloat ? "float" : "double") + " range");
        }
        return isFloat ? (Number) (float) value : (Number) value;
    }

    private static boolean hasNonZeroDigit(String text, boolean hex) {
        String mantissa = hex ? text.substring(2).split("[pP]")[0] : text.split("[eE]")[0];
        return mantissa.chars().anyMatch(c -> Character.digit(c, 16) > 0 && (hex || Character.isDigit(c)));
    }
}
