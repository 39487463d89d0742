package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.util.HashMap;
import java.util.Map;

/**
 * The brokers running in this JVM, by name: what {@code vm://name} resolves against. This is the one
 * JVM-wide mutable map in the code base, because a {@code vm://} URL names a broker across the whole
 * JVM. Brokers register themselves when they start and unregister when they close; the in-VM
 * transport looks them up here, so the broker never needs to know the transport that finds it.
 *
 * <p>Threads: guarded by the class lock {@code BROKERS}; a broker started while holding it (an
 * embedded one) registers itself re-entrantly on the same thread.
 */
public final class RunningBrokers {

    /** A way to start a broker, used when {@code vm://} has to create one. */
    @FunctionalInterface
    public interface Starter {
        Broker start() throws JMSException;
    }

    private static final Map<String, Broker> BROKERS = new HashMap<>();

    private RunningBrokers() {
    }

    /** Registers a starting broker; JMSException when a broker of that name is already running. */
    static void register(String name, Broker broker) throws JMSException {
        synchronized (BROKERS) {
            Broker running = BROKERS.get(name);
            if (running != null && running != broker && !running.isClosed()) {
                throw new JMSException("a broker named '" + name + "' is already running in this JVM");
            }
            BROKERS.put(name, broker);
        }
    }

    /** Unregisters a closing broker (only if it is the one registered under that name). */
    static void unregister(String name, Broker broker) {
        synchronized (BROKERS) {
            BROKERS.remove(name, broker);
        }
    }

    /** The running broker named {@code name}, or null. */
    public static Broker find(String name) {
        synchronized (BROKERS) {
            Broker broker = BROKERS.get(name);
            return broker == null || broker.isClosed() ? null : broker;
        }
    }

    /** The running broker named {@code name}, started with {@code starter} when there is none. */
    public static Broker findOrStart(String name, Starter starter) throws JMSException {
        synchronized (BROKERS) {
            Broker broker = find(name);
            return broker != null ? broker : starter.start();
        }
    }
}
