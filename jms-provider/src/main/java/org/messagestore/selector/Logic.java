package org.messagestore.selector;

/**
 * SQL three-valued logic (§3.8.1.2, Null Values): a condition is TRUE, FALSE or UNKNOWN, held here
 * as {@code Boolean.TRUE}, {@code Boolean.FALSE} and {@code null}.
 */
final class Logic {

    private Logic() {
    }

    /**
     * A value used as a condition. Anything but a Boolean (NULL, or a property of another type
     * used where a condition is expected) is UNKNOWN.
     */
    static Boolean truth(Object value) {
        return value instanceof Boolean b ? b : null;
    }

    /** NOT table: T→F, F→T, U→U. */
    static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    /** AND table: F if either is F, else U if either is U, else T. */
    static Boolean and(Boolean left, Boolean right) {
        if (left == Boolean.FALSE || right == Boolean.FALSE) {
            return Boolean.FALSE;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    /** OR table: T if either is T, else U if either is U, else F. */
    static Boolean or(Boolean left, Boolean right) {
        if (left == Boolean.TRUE || right == Boolean.TRUE) {
            return Boolean.TRUE;
        }
        return left == null || right == null ? null : Boolean.FALSE;
    }
}
