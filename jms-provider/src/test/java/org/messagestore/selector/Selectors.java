package org.messagestore.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test fixture: messages with given properties, and three-valued evaluation. */
final class Selectors {

    private Selectors() {
    }

    /** A message whose properties are the given name/value pairs. */
    static MessageView message(Object... namesAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return MessageView.of(properties);
    }

    static boolean matches(String selector, MessageView message) {
        try {
            return Selector.parse(selector).matches(message);
        } catch (InvalidSelectorException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * The condition's truth value, observed only through matching: TRUE if it matches, FALSE if
     * its negation matches, UNKNOWN (null) if neither does.
     */
    static Boolean truth(String condition, MessageView message) {
        boolean matches = matches(condition, message);
        boolean negationMatches = matches("NOT (" + condition + ")", message);
        if (matches && negationMatches) {
            throw new AssertionError("both '" + condition + "' and its negation match");
        }
        return matches ? Boolean.TRUE : negationMatches ? Boolean.FALSE : null;
    }
}
