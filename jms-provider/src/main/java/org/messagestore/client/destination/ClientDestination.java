package org.messagestore.client.destination;

import jakarta.jms.Destination;
import java.io.Serializable;
import java.util.Objects;
import org.messagestore.model.DestinationName;

/** Base of this provider's destination objects: a value wrapping a {@link DestinationName}. */
public abstract sealed class ClientDestination implements Destination, Serializable
        permits ClientQueue, ClientTopic, ClientTemporaryQueue, ClientTemporaryTopic {

    private final DestinationName name;

    ClientDestination(DestinationName name) {
        this.name = Objects.requireNonNull(name);
    }

    public DestinationName destinationName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientDestination other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name.name();
    }
}
