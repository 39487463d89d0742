package org.messagestore.client;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messagestore.client.destination.Destinations;

/**
 * The message producers of one session. The broker keeps no producers, so making one only checks
 * the session and names the destination (none for an unidentified producer); the session keeps
 * the open ones to close them with it.
 */
final class SessionProducers {

    private final ClientSession session;
    // Copy-on-write: a producer may be closed on another thread than the one closing the session.
    private final List<ClientMessageProducer> producers = new CopyOnWriteArrayList<>();

    SessionProducers(ClientSession session) {
        this.session = session;
    }

    ClientMessageProducer create(Destination destination) throws JMSException {
        session.checkOpen();
        ClientMessageProducer producer = new ClientMessageProducer(session, destination,
                Destinations.toName(destination));
        producers.add(producer);
        return producer;
    }

    void producerClosed(ClientMessageProducer producer) {
        producers.remove(producer);
    }

    /** Once the session is closed: every producer is closed with it. */
    void markAllClosed() {
        producers.forEach(ClientMessageProducer::markClosed);
        producers.clear();
    }
}
