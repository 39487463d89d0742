package org.messagestore.broker;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.messagestore.model.Delivery;
import org.messagestore.model.DeliverySink;

/**
 * A consumer buffer for tests that drain many messages: the broker pushes into a blocking queue and the
 * test thread takes from it, waiting on the queue (no polling loop).
 */
final class QueueingSink implements DeliverySink {

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    @Override
    public void deliver(Delivery delivery) {
        deliveries.add(delivery);
    }

    @Override
    public void discardBuffered() {
        deliveries.clear();
    }

    /** The next delivery; fails the test when none comes within 10 seconds. */
    Delivery take() throws InterruptedException {
        Delivery next = deliveries.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no delivery within 10 seconds");
        }
        return next;
    }

    /** The next delivery within {@code millis}, or null: shows that nothing more arrives meanwhile. */
    Delivery poll(long millis) throws InterruptedException {
        return deliveries.poll(millis, TimeUnit.MILLISECONDS);
    }
}
