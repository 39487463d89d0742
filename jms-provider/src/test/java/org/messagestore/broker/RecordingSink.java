package org.messagestore.broker;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;

/** A test consumer buffer: records deliveries, and what a discard dropped. */
final class RecordingSink implements DeliverySink {

    private final List<Delivery> buffered = new ArrayList<>();
    private final List<Delivery> all = new ArrayList<>();
    private int discards;

    @Override
    public synchronized void deliver(Delivery delivery) {
        buffered.add(delivery);
        all.add(delivery);
    }

    @Override
    public synchronized void discardBuffered() {
        buffered.clear();
        discards++;
    }

    /** Deliveries still buffered (not taken by {@link #take}, not discarded). */
    synchronized List<Delivery> buffered() {
        return List.copyOf(buffered);
    }

    /** Every delivery ever pushed, in order. */
    synchronized List<Delivery> all() {
        return List.copyOf(all);
    }

    synchronized int discards() {
        return discards;
    }

    /** Removes and returns the oldest buffered delivery, waiting for one. */
    Delivery take() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !buffered().isEmpty());
        synchronized (this) {
            return buffered.remove(0);
        }
    }

    /** The bodies of the buffered deliveries, in order. */
    synchronized List<String> bufferedBodies() {
        return buffered.stream().map(d -> Messages.body(d.message())).toList();
    }

    synchronized List<String> allBodies() {
        return all.stream().map(d -> Messages.body(d.message())).toList();
    }
}
