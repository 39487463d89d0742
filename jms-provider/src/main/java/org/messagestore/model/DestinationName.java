package org.messagestore.model;

import java.util.Objects;

/**
 * A destination as the broker knows it: its kind and physical name. Client destination objects
 * ({@code jakarta.jms.Queue}, {@code Topic}, ...) are converted to this at the client boundary.
 */
public record DestinationName(Kind kind, String name) {

    public enum Kind {
        QUEUE, TOPIC, TEMPORARY_QUEUE, TEMPORARY_TOPIC;

        public boolean isTopic() {
            return this == TOPIC || this == TEMPORARY_TOPIC;
        }

        public boolean isTemporary() {
            return this == TEMPORARY_QUEUE || this == TEMPORARY_TOPIC;
        }
    }

    public DestinationName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationName queue(String name) {
        return new DestinationName(Kind.QUEUE, name);
    }

    public static DestinationName topic(String name) {
        return new DestinationName(Kind.TOPIC, name);
    }

    public boolean isTopic() {
        return kind.isTopic();
    }

    public boolean isTemporary() {
        return kind.isTemporary();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " '" + name + "'";
    }
}
