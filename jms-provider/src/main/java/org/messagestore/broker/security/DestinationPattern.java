package org.messagestore.broker.security;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.messagestore.model.DestinationName;

/**
 * A set of queue or topic names, written {@code queue:<pattern>} or {@code topic:<pattern>}. A pattern
 * is a name split into segments at dots; the segment {@code *} matches exactly one segment, and a last
 * segment {@code >} matches one or more further segments (the convention of ActiveMQ and NATS). So
 * {@code orders.*} matches {@code orders.new} but neither {@code orders} nor {@code orders.eu.new};
 * {@code orders.>} matches {@code orders.new} and {@code orders.eu.new} but not {@code orders}; the
 * pattern {@code >} matches every name. Any other segment matches itself exactly.
 *
 * <p>Temporary destinations match no pattern: access rules do not apply to them (see {@link AccessRules}).
 */
public record DestinationPattern(boolean topic, String pattern) {

    private static final String ONE = "*";
    private static final String REST = ">";

    public DestinationPattern {
        Objects.requireNonNull(pattern, "pattern");
        List<String> segments = Arrays.asList(pattern.split("\\.", -1));
        if (pattern.isEmpty() || segments.contains("")) {
            throw new IllegalArgumentException("destination pattern '" + pattern + "' has an empty segment");
        }
        int rest = segments.indexOf(REST);
        if (rest >= 0 && rest != segments.size() - 1) {
            throw new IllegalArgumentException("destination pattern '" + pattern + "': '>' may only be the last segment");
        }
    }

    /** Reads {@code queue:<pattern>} or {@code topic:<pattern>}. */
    public static DestinationPattern parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "" : s.substring(0, colon);
        if (!kind.equals("queue") && !kind.equals("topic")) {
            throw new IllegalArgumentException("'" + s + "' must start with 'queue:' or 'topic:'");
        }
        return new DestinationPattern(kind.equals("topic"), s.substring(colon + 1).strip());
    }

    public boolean matches(DestinationName destination) {
        if (destination.isTemporary() || destination.isTopic() != topic) {
            return false;
        }
        String[] want = pattern.split("\\.", -1);
        String[] have = destination.name().split("\\.", -1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals(REST)) {
                return have.length > i;
            }
            if (i >= have.length || !(want[i].equals(ONE) || want[i].equals(have[i]))) {
                return false;
            }
        }
        return have.length == want.length;
    }

    @Override
    public String toString() {
        return (topic ? "topic:" : "queue:") + pattern;
    }
}
