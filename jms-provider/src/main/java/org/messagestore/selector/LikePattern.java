package org.messagestore.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern (§3.8.1.1): {@code _} stands for any single character, {@code %} for any
 * sequence including the empty one, and every other character for itself; the escape character
 * makes the character after it literal.
 *
 * <p>Matched by hand rather than as a regular expression: no metacharacters to quote, and the
 * greedy-with-backtrack-to-last-% algorithm is O(pattern × value) in the worst case, so a hostile
 * pattern cannot make dispatch slow. Works on code points, so {@code _} matches one supplementary
 * character. Immutable.
 */
final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    /** Code points to match literally, or ANY_ONE / ANY_SEQUENCE. */
    private final int[] elements;

    private LikePattern(int[] elements) {
        this.elements = elements;
    }

    /**
     * @param escape the escape code point, or -1 for none
     * @throws IllegalArgumentException if the pattern ends with an unused escape character
     */
    static LikePattern compile(String pattern, int escape) {
        int[] source = pattern.codePoints().toArray();
        int[] elements = new int[source.length];
        int size = 0;
        for (int i = 0; i < source.length; i++) {
            int c = source[i];
            if (c == escape) {
                if (++i == source.length) {
                    throw new IllegalArgumentException("LIKE pattern ends with its escape character");
                }
                elements[size++] = source[i];
            } else if (c == '_') {
                elements[size++] = ANY_ONE;
            } else if (c == '%') {
                // Consecutive % mean the same as one; collapsing them keeps matching cheap.
                if (size == 0 || elements[size - 1] != ANY_SEQUENCE) {
                    elements[size++] = ANY_SEQUENCE;
                }
            } else {
                elements[size++] = c;
            }
        }
        return new LikePattern(Arrays.copyOf(elements, size));
    }

    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        int p = 0;
        int t = 0;
        int lastSequence = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < elements.length && (elements[p] == ANY_ONE || elements[p] == text[t])) {
                p++;
                t++;
            } else if (p < elements.length && elements[p] == ANY_SEQUENCE) {
                lastSequence = p++;
                resumeAt = t;
            } else if (lastSequence >= 0) {
                // Let the last % absorb one more character and retry from there.
                p = lastSequence + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }
}
