package org.messagestore.broker;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAResource;
import org.messagestore.model.BranchXid;
import org.messagestore.model.BrokerConnection;
import org.messagestore.model.ConsumerSpec;
import org.messagestore.model.DestinationName;
import org.messagestore.model.MessageData;
import org.messagestore.store.memory.InMemoryStore;

/**
 * A broker with a uniquely named, fresh in-memory store for one test, plus shortcuts for driving
 * {@link BrokerConnection} directly. Close it at the end of the test.
 */
final class BrokerFixture implements AutoCloseable {

    final InMemoryStore store;
    final Broker broker;
    private final List<BrokerConnection> connections = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    BrokerFixture() throws JMSException {
        this(config -> config);
    }

    BrokerFixture(java.util.function.UnaryOperator<BrokerConfig> customize) throws JMSException {
        this(new InMemoryStore(), customize);
    }

    BrokerFixture(InMemoryStore store, java.util.function.UnaryOperator<BrokerConfig> customize) throws JMSException {
        this.store = store;
        this.broker = Broker.start(customize.apply(BrokerConfig.defaults(uniqueName()).withStore(store)));
    }

    static String uniqueName() {
        return "test-" + UUID.randomUUID();
    }

    BrokerConnection connect() throws JMSException {
        BrokerConnection connection = broker.connect(null, null, null);
        connection.setStarted(true);
        connections.add(connection);
        return connection;
    }

    long newId() {
        return ids.incrementAndGet();
    }

    /** Creates a session and returns its id. */
    long session(BrokerConnection connection, boolean transacted) throws JMSException {
        long id = newId();
        connection.createSession(id, transacted);
        return id;
    }

    static ConsumerSpec queueConsumer(long consumerId, long sessionId, DestinationName queue, int prefetch) {
        return new ConsumerSpec(consumerId, sessionId, queue, null, false, null, false, false, prefetch);
    }

    static ConsumerSpec topicConsumer(long consumerId, long sessionId, DestinationName topic, String name,
                                      boolean durable, boolean shared, boolean noLocal) {
        return new ConsumerSpec(consumerId, sessionId, topic, null, noLocal, name, durable, shared, 100);
    }

    /** Creates a consumer on {@code destination} and returns its id. */
    long consumer(BrokerConnection connection, long sessionId, DestinationName destination, int prefetch, RecordingSink sink)
            throws JMSException {
        long id = newId();
        connection.createConsumer(queueConsumer(id, sessionId, destination, prefetch), sink);
        return id;
    }

    static void send(BrokerConnection connection, long sessionId, MessageData message) throws Exception {
        connection.send(sessionId, message).get();
    }

    /** Hands a delivery to the "application": consumed() as the client would. */
    /**
     * "Receive a request from {@code inbox}, send a reply to {@code outbox}" in the XA branch {@code xid},
     * prepared, on a connection of its own that is then closed (a prepared branch outlives it).
     */
    static void prepareReceiveAndSend(Broker broker, BranchXid xid, DestinationName inbox, DestinationName outbox)
            throws Exception {
        BrokerConnection c = broker.connect(null, null, null);
        c.setStarted(true);
        c.createSession(1, false);
        send(c, 1, Messages.text(inbox, "request"));
        c.createSession(2, false);
        RecordingSink sink = new RecordingSink();
        c.createConsumer(queueConsumer(1, 2, inbox, 1), sink);
        c.xaStart(2, xid, XAResource.TMNOFLAGS);
        if (!"request".equals(consume(c, sink))) {
            throw new AssertionError("the request did not arrive");
        }
        c.acknowledge(2); // does nothing inside the branch
        send(c, 2, Messages.text(outbox, "reply"));
        c.xaEnd(2, xid, XAResource.TMSUCCESS);
        if (c.xaPrepare(xid) != XAResource.XA_OK) {
            throw new AssertionError("the branch did not prepare");
        }
        c.close();
    }

    static String consume(BrokerConnection connection, RecordingSink sink) {
        var delivery = sink.take();
        connection.consumed(delivery.consumerId(), delivery.deliveryId());
        return Messages.body(delivery.message());
    }

    @Override
    public void close() {
        connections.forEach(BrokerConnection::close);
        broker.close();
        store.close();
    }
}
