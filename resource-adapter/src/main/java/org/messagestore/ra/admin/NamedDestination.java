package org.messagestore.ra.admin;

import java.io.Serializable;
import java.util.Objects;

/**
 * An administered destination: a JavaBean whose one property, {@code name}, is the destination's
 * name in the broker. The client takes any Queue or Topic by its name, so this is all a sender or an
 * MDB needs.
 */
abstract class NamedDestination implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;

    NamedDestination(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Objects.equals(name, ((NamedDestination) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), name);
    }
}
