package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;

/** Builds the exception for an invalid selector: the expression, the problem and where it is. */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    /** @param index 0-based; reported 1-based, as editors count columns */
    static InvalidSelectorException at(String expression, int index, String problem) {
        return new InvalidSelectorException(
                "invalid selector '" + expression + "': " + problem + " at position " + (index + 1));
    }
}
