package org.messagestore.client.message;

import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The classes an ObjectMessage body may contain when it is deserialized. Java deserialization runs code
 * of whatever class the sender chose (its {@code readObject}), so anyone allowed to send to a
 * destination could otherwise hand every consumer of it a gadget chain: the ActiveMQ and Artemis
 * deserialization CVEs. Every class in the stream is checked, not only the top one.
 *
 * <p>Allowed by default: the packages {@value #SAFE_PACKAGES}, primitives, and arrays of allowed types.
 * Extended (never narrowed) by the system property {@value #SYSTEM_PROPERTY} for the whole JVM and by
 * the connection factory option {@value #OPTION} (URL option or JNDI entry). Each is a comma-separated
 * list of entries:
 * <ul>
 *   <li>a class name, {@code com.acme.orders.Order}: that class;</li>
 *   <li>a package name, {@code com.acme.orders}: the classes directly in it;</li>
 *   <li>a package with {@code .*}, {@code com.acme.*}: the classes in it and in its subpackages;</li>
 *   <li>{@code *}: every class (only for senders that are fully trusted).</li>
 * </ul>
 * A JVM-wide {@code jdk.serialFilter} still applies: a class it rejects stays rejected.
 *
 * <p>Immutable.
 */
public final class DeserializationAllowList {

    /** The connection factory option (URL and JNDI) that extends the list. */
    public static final String OPTION = "deserializationAllowList";
    /** The system property that extends the list for every connection of the JVM. */
    public static final String SYSTEM_PROPERTY = "messagestore.deserializationAllowList";
    static final String SAFE_PACKAGES = "java.lang, java.util, java.math, java.time";

    private final Set<String> entries;

    private DeserializationAllowList(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    /** The safe packages plus what {@value #SYSTEM_PROPERTY} adds. */
    public static DeserializationAllowList defaults() {
        return new DeserializationAllowList(Set.of()).plus(SAFE_PACKAGES).plus(System.getProperty(SYSTEM_PROPERTY));
    }

    /** This list extended by the comma-separated {@code entries} (null or blank adds nothing). */
    public DeserializationAllowList plus(String entries) {
        if (entries == null || entries.isBlank()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(this.entries);
        Arrays.stream(entries.split(",")).map(String::strip).filter(e -> !e.isEmpty()).forEach(all::add);
        return new DeserializationAllowList(all);
    }

    /** Whether a stream may contain {@code type}. */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive() || entries.contains("*") || entries.contains(element.getName())) {
            return true;
        }
        String pkg = element.getPackageName();
        if (entries.contains(pkg)) {
            return true;
        }
        for (String entry : entries) {
            if (entry.endsWith(".*")) {
                String prefix = entry.substring(0, entry.length() - 2);
                if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A filter for one stream: allows the classes of this list, rejects the others (telling
     * {@code refused} which), and leaves the stream's other limits to the JVM-wide filter, if any.
     */
    ObjectInputFilter filter(Consumer<Class<?>> refused) {
        ObjectInputFilter own = info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            if (allows(type)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            refused.accept(type);
            return ObjectInputFilter.Status.REJECTED;
        };
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        return jvmWide == null ? own : ObjectInputFilter.merge(own, jvmWide);
    }

    /** The entries, sorted, for messages. */
    @Override
    public String toString() {
        return String.join(", ", new TreeSet<>(entries));
    }
}
